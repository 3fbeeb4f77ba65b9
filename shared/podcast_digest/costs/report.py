"""Spend by month and feed (`podcast-digest costs`): transcription and summary apart, and what
publisher transcripts saved (their audio minutes × the price the chosen engine would have charged)."""

from collections.abc import Iterable

from podcast_digest.models import CostEntry, CostStep, Episode, EpisodeStatus
from podcast_digest.models.base import DomainModel
from podcast_digest.ports import Records


class FeedSpend(DomainModel):
    feed_id: str
    episodes: int = 0
    transcription_usd: float = 0.0
    summary_usd: float = 0.0
    saved_usd: float = 0.0
    publisher_minutes: float = 0.0

    @property
    def total_usd(self) -> float:
        return round(self.transcription_usd + self.summary_usd, 6)


class MonthSpend(DomainModel):
    month: str
    feeds: list[FeedSpend]

    @property
    def total(self) -> FeedSpend:
        return _add("all feeds", self.feeds)


def month_spend(records: Records, month: str, feed_id: str | None = None) -> MonthSpend:
    """The month's ledger (one index read) summed per feed, dearest first."""
    by_feed: dict[str, list[CostEntry]] = {}
    for entry in records.list_costs(month, feed_id):
        by_feed.setdefault(entry.feed_id, []).append(entry)
    feeds = [_sum(feed, entries) for feed, entries in by_feed.items()]
    feeds.sort(key=lambda f: (-f.total_usd, f.feed_id))
    return MonthSpend(month=month, feeds=feeds)


def _sum(feed_id: str, entries: list[CostEntry]) -> FeedSpend:
    spend = FeedSpend(feed_id=feed_id, episodes=len({e.episode_id for e in entries}))
    for entry in entries:
        if entry.step is CostStep.TRANSCRIPTION:
            spend.transcription_usd = round(spend.transcription_usd + entry.usd, 6)
            if entry.saved_usd:
                spend.saved_usd = round(spend.saved_usd + entry.saved_usd, 6)
                spend.publisher_minutes += entry.audio_seconds / 60
        else:
            spend.summary_usd = round(spend.summary_usd + entry.usd, 6)
    return spend


def _add(feed_id: str, feeds: Iterable[FeedSpend]) -> FeedSpend:
    total = FeedSpend(feed_id=feed_id)
    for feed in feeds:
        total.episodes += feed.episodes
        total.transcription_usd = round(total.transcription_usd + feed.transcription_usd, 6)
        total.summary_usd = round(total.summary_usd + feed.summary_usd, 6)
        total.saved_usd = round(total.saved_usd + feed.saved_usd, 6)
        total.publisher_minutes += feed.publisher_minutes
    return total


def waiting_for_budget(records: Records, feed_id: str | None = None) -> list[Episode]:
    """Pending episodes whose paid work waits for the budget (their waiting reason says why)."""
    pending = [EpisodeStatus.DISCOVERED, EpisodeStatus.FETCHED, EpisodeStatus.TRANSCRIBED]
    return [e for e in records.list_episodes(feed_id, pending) if e.waiting_reason and not e.backfill]
