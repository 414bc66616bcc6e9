import gc
import sys

# A short-lived process whose objects are freed at exit: the cycle collector would only spend
# start-up time scanning the modules being imported (see gc_pause).
gc.disable()

from .cli import main  # noqa: E402

sys.exit(main())
