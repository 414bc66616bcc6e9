"""Advice: warnings about what OpenClaw accepts silently but a user almost surely did not mean.

A stage after the providers are merged: it reads what the pipeline produced and says, with the file
and position where it can, what was dropped, ignored or taken literally.
"""

from .warnings import advice_warnings, locate_warning

__all__ = ["advice_warnings", "locate_warning"]
