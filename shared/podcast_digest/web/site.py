"""What the routers are given: the records, the subscription service, search, and the site's rules.

Built by the composition roots (the Lambda handler, `podcast-digest serve`);
the routers never reach for an adapter themselves.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from podcast_digest.pipeline.context import utc_now
from podcast_digest.ports import BlobStore, Records
from podcast_digest.ports.search import SearchIndex
from podcast_digest.subscriptions.service import SubscriptionService
from podcast_digest.web.limits import SignupLimiter


@dataclass(frozen=True)
class Site:
    records: Callable[[], Records]
    blobs: Callable[[], BlobStore]
    subscriptions: Callable[[], SubscriptionService]
    search: Callable[[], SearchIndex | None]
    base_url: str | None = None  # absolute links (Atom); None: relative links only
    archive_public: bool = (
        False  # the archive, search and Atom; summary pages behind emailed links always work
    )
    signups: SignupLimiter = field(default_factory=SignupLimiter)
    clock: Callable[[], datetime] = utc_now

    @property
    def root(self) -> str:
        """The path the site lives under ('' at a domain's root, '/digest' behind a proxy's prefix)."""
        return urlsplit(self.base_url).path.rstrip("/") if self.base_url else ""

    def href(self, path: str) -> str:
        return f"{self.root}{path}"

    def absolute(self, path: str) -> str:
        base = (self.base_url or "http://localhost").rstrip("/")
        return f"{base}{path}"
