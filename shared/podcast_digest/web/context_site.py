"""A Site from a pipeline Context: what both composition roots (Lambda, serve) hand the routers."""

from collections.abc import Callable

from podcast_digest.pipeline.context import Context
from podcast_digest.subscriptions.service import SubscriptionService
from podcast_digest.subscriptions.signing_key import signer_for
from podcast_digest.web.limits import SignupLimiter
from podcast_digest.web.site import Site


def site_from(context: Callable[[], Context], *, archive_public: bool, base_url: str | None) -> Site:
    """`context` is called per request: the Lambda builds a fresh one, serve hands out its one."""
    return Site(
        records=lambda: context().records,
        blobs=lambda: context().blobs,
        subscriptions=lambda: SubscriptionService(context(), signer_for(context().settings)),
        search=lambda: context().search,
        base_url=base_url,
        archive_public=archive_public,
        signups=SignupLimiter(),
        clock=lambda: context().clock(),
    )
