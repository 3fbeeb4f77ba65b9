"""The links a recipient's copy carries: one-click unsubscribe, manage, and the full summary page.

Only a public web endpoint (`public_base_url`) makes a link a recipient can
follow. Without one every link is None: no mail ever carries a `file://` path
or anything else pointing at the operator's disk, and the digest says how to
stop instead.
"""

from podcast_digest.models import Subscriber, Summary
from podcast_digest.pipeline.context import Context
from podcast_digest.subscriptions import links as public_links
from podcast_digest.subscriptions.service import SubscriptionService
from podcast_digest.subscriptions.signing_key import signer_for

_CACHE_ATTRIBUTE = "_delivery_recipient_links"


class RecipientLinks:
    """Per-recipient links, with the token signer (and SubscriptionService) built once."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.has_endpoint = bool(ctx.settings.public_base_url)
        self._service = SubscriptionService(ctx, signer_for(ctx.settings)) if self.has_endpoint else None

    @classmethod
    def of(cls, ctx: Context) -> "RecipientLinks":
        """The one RecipientLinks of this context (kept on it the way functools.cached_property does)."""
        found = vars(ctx).get(_CACHE_ATTRIBUTE)
        if not isinstance(found, cls):
            found = cls(ctx)
            vars(ctx)[_CACHE_ATTRIBUTE] = found
        return found

    def unsubscribe(self, subscriber: Subscriber, feed_id: str | None = None) -> str | None:
        """One click: the feed's digests (feed given) or everything (a roundup)."""
        if self._service is None:
            return None
        return self._service.unsubscribe_url(subscriber.subscriber_id, feed_id)

    def manage(self, subscriber: Subscriber) -> str | None:
        return None if self._service is None else self._service.manage_url(subscriber.subscriber_id)

    def full_summary(self, summary: Summary) -> str | None:
        """The summary page on the web endpoint; None locally (never a path on this disk)."""
        return public_links.summary_link(self.ctx.settings, summary.episode_id)
