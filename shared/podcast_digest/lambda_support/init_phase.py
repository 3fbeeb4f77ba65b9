"""Lambda's init phase, without the cyclic garbage collector: imported first by every handler module.

Importing a handler allocates tens of thousands of objects that live as long
as the instance (modules, classes, pydantic validators) and almost no garbage,
yet CPython's collector walks all of them, at least once per cold start, for
nothing: 10–20% of the import (bench/bench_cold_start.py). So the collector
is paused from this module's import until `cold_start` has checked the
configuration; then everything made so far is frozen (never scanned again, so
warm invocations' collections stay short) and collection resumes.

Only in a Lambda (AWS_LAMBDA_FUNCTION_NAME set): anything else that imports a
handler keeps its collector as it was.
"""

import gc
import os

_paused = bool(os.environ.get("AWS_LAMBDA_FUNCTION_NAME")) and gc.isenabled()
if _paused:
    gc.disable()


def finished() -> None:
    """The handler's module is ready: freeze what the init phase made and collect again from here on."""
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False
