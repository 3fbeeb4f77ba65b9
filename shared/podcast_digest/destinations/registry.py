"""Adding, finding and testing destinations: what `podcast-digest destinations …` does, behind the CLI.

A destination's id is a short hash of its kind and target, so adding the same
webhook twice updates it (its feeds; a disabled one becomes active again) rather
than posting everything to it twice. A JSON webhook gets a signing secret once,
when first added; it is shown then and kept with the URL (never printed again).
"""

import hashlib
import secrets
from pathlib import Path

from podcast_digest.destinations.sample import sample_post
from podcast_digest.destinations.targets import WEB_KINDS, checked_webhook_url
from podcast_digest.errors import BadInputError, DestinationGone, NotFoundError
from podcast_digest.models.destination import Destination, DestinationKind, DestinationStatus
from podcast_digest.pipeline.context import Context


def destination_id_for(kind: DestinationKind, target: str) -> str:
    return hashlib.sha256(f"{kind.value}\n{target}".encode()).hexdigest()[:12]


def checked_target(ctx: Context, kind: DestinationKind, target: str) -> str:
    target = target.strip()
    if kind in WEB_KINDS:
        checked_webhook_url(target, allow_loopback=ctx.settings.allow_loopback)
        return target
    folder = Path(target).expanduser().resolve()
    if folder.exists() and not folder.is_dir():
        raise BadInputError(
            f"{folder} is a file: a folder destination needs a folder (it is made if missing)"
        )
    return str(folder)


def add_destination(
    ctx: Context, kind: DestinationKind, target: str, feed_ids: list[str]
) -> tuple[Destination, str | None]:
    """The destination as recorded, and its signing secret when it was made now (shown once)."""
    target = checked_target(ctx, kind, target)
    destination_id = destination_id_for(kind, target)
    known = ctx.records.get_destination(destination_id)
    made_secret = secrets.token_urlsafe(32) if kind is DestinationKind.WEBHOOK and known is None else None
    destination = Destination(
        destination_id=destination_id,
        kind=kind,
        target=target,
        signing_secret=made_secret or (known.signing_secret if known else None),
        feed_ids=feed_ids,
        created_at=known.created_at if known else ctx.clock(),
    )
    ctx.records.put_destination(destination)
    return destination, made_secret


def find_destination(ctx: Context, name: str) -> Destination:
    """By id or an unambiguous id prefix (at least 4 characters)."""
    found = ctx.records.get_destination(name)
    if found is not None:
        return found
    matches = [
        d for d in ctx.records.list_destinations() if len(name) >= 4 and d.destination_id.startswith(name)
    ]
    if len(matches) == 1:
        return matches[0]
    raise NotFoundError(f"no destination matches {name!r}: see `podcast-digest destinations list` for ids")


def send_test_post(ctx: Context, destination: Destination) -> None:
    """Post the sample now (no delivery record: a test is not an episode); a 404/410 disables it."""
    from podcast_digest.delivery.posts import disable

    if ctx.destination_sender is None:
        raise BadInputError("this context has no destination senders (see wiring.py)")
    sender = ctx.destination_sender(destination.kind)
    key = f"test-{secrets.token_hex(6)}"
    try:
        sender.send(
            destination.model_copy(update={"status": DestinationStatus.ACTIVE}), sample_post(ctx.clock()), key
        )
    except DestinationGone as exc:
        disable(ctx, destination, str(exc))
        raise
