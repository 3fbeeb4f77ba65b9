"""What must happen to botocore before the first AWS call: the tracer's patch, run once, on first use.

The X-Ray SDK traces AWS calls by wrapping botocore's client class, and
wrapping it imports botocore.client and, with it, botocore's documentation
machinery: about a third of a handler's import. Patching when the first
client is made (clients.py, and secrets.py before Powertools makes its own)
instead of at import keeps that out of every cold start's import; the calls
are traced all the same, since no call can come before a client.

lambda_support/observability.py registers the tracer's patch here; nothing
is registered outside Lambda, and this module imports nothing from botocore.
"""

from collections.abc import Callable

_pending: list[Callable[[], None]] = []


def before_first_call(patch: Callable[[], None]) -> None:
    """Run `patch` once, before the first AWS client of this process is made."""
    _pending.append(patch)


def ready() -> None:
    """Run what was registered and not yet run (cheap after the first time)."""
    while _pending:
        _pending.pop(0)()
