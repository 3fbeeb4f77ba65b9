"""What every step needs: settings, the port adapters, and lazily built engines."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property

from podcast_digest.models.destination import DestinationKind
from podcast_digest.ports import BlobStore, Fetcher, Mailer, Records, Summarizer, Transcriber
from podcast_digest.ports.destinations import DestinationSender
from podcast_digest.ports.search import SearchIndex
from podcast_digest.settings import Settings


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    settings: Settings
    records: Records
    blobs: BlobStore
    mailer: Mailer
    fetcher: Fetcher
    # Engines are built on first use: loading a speech model or an API client
    # costs time that an episode with a publisher transcript never needs.
    transcriber_factory: Callable[[], Transcriber]
    summarizer_factory: Callable[[], Summarizer]
    clock: Callable[[], datetime] = field(default=utc_now)
    search: SearchIndex | None = None  # the embedded default has one; the AWS stack has none
    # The free engines the monthly budget falls back to (settings.budget_fallback_offline).
    offline_transcriber_factory: Callable[[], Transcriber] | None = None
    offline_summarizer_factory: Callable[[], Summarizer] | None = None
    # Picks the adapter of a destination's kind (Slack, Discord, webhook, folder); wiring.py builds it.
    destination_sender: Callable[[DestinationKind], DestinationSender] | None = None

    @cached_property
    def transcriber(self) -> Transcriber:
        return self.transcriber_factory()

    @cached_property
    def summarizer(self) -> Summarizer:
        return self.summarizer_factory()
