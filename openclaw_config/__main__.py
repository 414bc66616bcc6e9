import gc

# A short-lived process: the cycle collector would only spend start-up time scanning the modules
# being imported (see gc_pause).
gc.disable()

from .cli.main import run_and_exit  # noqa: E402

run_and_exit()
