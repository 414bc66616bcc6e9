"""Provenance: where every effective value came from, and what it overrode (`show --explain`).

Nothing here runs during a plain `resolve()`: the pipeline only keeps a reference to what it read
(`context.ResolutionContext`), and `registry.explain()` works the records out from it on demand.
"""
