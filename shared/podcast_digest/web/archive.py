"""What the archive shows: every public feed, its episodes newest first, their status and provenance.

Reads only the records port (on DynamoDB: the feed and episode indexes, never
a Scan). Show notes are sanitised as the email does; everything else is text.
"""

from dataclasses import dataclass

from markupsafe import Markup

from podcast_digest.digest.outline import one_line
from podcast_digest.digest.sanitize import sanitize_show_notes
from podcast_digest.models import Episode, EpisodeStatus, Feed
from podcast_digest.ports import Records
from podcast_digest.web.slugs import feed_slugs

SUMMARISED = (EpisodeStatus.SUMMARIZED, EpisodeStatus.NOTIFIED)
STATUS_WORDS = {
    EpisodeStatus.DISCOVERED: ("Waiting", ""),
    EpisodeStatus.FETCHED: ("Waiting", ""),
    EpisodeStatus.TRANSCRIBED: ("Transcribed", ""),
    EpisodeStatus.SUMMARIZED: ("Summarised", "good"),
    EpisodeStatus.NOTIFIED: ("Summarised and sent", "good"),
    EpisodeStatus.FAILED: ("Failed", "bad"),
    EpisodeStatus.SKIPPED: ("Skipped", ""),
}
MAX_EPISODES_SHOWN = 200


@dataclass(frozen=True)
class PodcastCard:
    slug: str
    title: str
    episodes: int
    summarised: int
    latest: str | None


@dataclass(frozen=True)
class EpisodeRow:
    title: str
    published: str | None
    status: str
    tone: str
    summary_href: str | None
    overview: str | None
    provenance: str | None
    failure: str | None


def _status(episode: Episode, words: str) -> str:
    """The status in words; a skipped episode says which of its feed's rules skipped it."""
    if episode.status is EpisodeStatus.SKIPPED and episode.skipped_by:
        return f"{words}: {one_line(episode.skipped_by)}"
    return words


def podcast_cards(records: Records) -> list[PodcastCard]:
    cards = []
    for slug, feed in feed_slugs(records.list_feeds()).items():
        episodes = records.list_episodes(feed.feed_id)
        dated = [e.published_at for e in episodes if e.published_at]
        cards.append(
            PodcastCard(
                slug=slug,
                title=one_line(feed.title) or feed.url,
                episodes=len(episodes),
                summarised=sum(1 for e in episodes if e.status in SUMMARISED),
                latest=max(dated).strftime("%d %b %Y") if dated else None,
            )
        )
    return sorted(cards, key=lambda c: c.title.lower())


def show_notes(feed: Feed) -> Markup:
    return Markup(sanitize_show_notes(feed.description))  # noqa: S704 - nh3 made it safe


def episode_row(records: Records, episode: Episode, summary_href: str) -> EpisodeRow:
    words, tone = STATUS_WORDS[episode.status]
    summary = records.get_summary(episode.episode_id) if episode.status in SUMMARISED else None
    provenance = None
    if summary is not None:
        provenance = f"{summary.provenance.transcript_source}, {summary.provenance.summarizer} summary"
    elif episode.transcript_engine:
        provenance = episode.transcript_engine
    return EpisodeRow(
        title=one_line(episode.title) or "Untitled episode",
        published=episode.published_at.strftime("%d %b %Y") if episode.published_at else None,
        status="Backfill, not summarised"
        if episode.backfill and summary is None
        else _status(episode, words),
        tone=tone,
        summary_href=summary_href if summary is not None else None,
        overview=one_line(summary.one_sentence_summary) if summary is not None else None,
        provenance=provenance,
        failure=one_line(episode.failure_reason) if episode.status is EpisodeStatus.FAILED else None,
    )
