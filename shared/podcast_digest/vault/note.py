"""One episode's note: YAML front matter, then the summary in the house Markdown, then its show notes.

The body is `render_markdown`, the same Markdown `export --format md` writes:
every piece of summary text escaped for CommonMark, timestamps as links into
the audio (`[[12:34]](audio#t=754)`, Media Fragments). Show notes are feed
HTML: they are reduced to text by the sanitiser and escaped line by line, so
no tag, link or heading of a publisher's reaches the note.

Nothing in a note depends on when it was written, so the same summary always
gives the same bytes: that is what makes re-exporting a no-op.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from podcast_digest.digest.outline import SHOW_NOTES, one_line
from podcast_digest.digest.render_markdown import escape, render_markdown
from podcast_digest.digest.sanitize import show_notes_text
from podcast_digest.digest.timestamps import format_timestamp, safe_web_url
from podcast_digest.models import Episode, EpisodeType, Summary, sponsors_by_name
from podcast_digest.vault.file_names import note_stem, podcast_folder
from podcast_digest.vault.front_matter import SUMMARY_ID, Value, front_matter

SHOW_NOTES_MAX_CHARS = 20_000


@dataclass(frozen=True)
class EpisodeNote:
    """A note ready to place: whose it is, where it would go, and its whole text."""

    summary_id: str
    folder: str
    stem: str
    text: str

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")


def _published(episode: Episode) -> date | None:
    when = episode.published_at or episode.discovered_at
    return when.date() if when else None


def note_speakers(summary: Summary) -> list[str]:
    """The speakers' names the summary carries (its provenance's named speakers, each with the tag,
    transcript or introduction that said so); empty for a summary made before names were kept.

    Names only ever come from the summary, never guessed here: read by attribute so a summary
    of either schema makes a note.
    """
    named: Any = getattr(summary.provenance, "speakers", None) or getattr(summary, "speakers", None) or []
    names = [one_line(getattr(speaker, "name", speaker)) for speaker in named]
    return [name for name in dict.fromkeys(names) if name]


def _tags(summary: Summary, episode: Episode, folder: str) -> list[str]:
    tags = ["podcast", f"podcast/{folder}"]
    if episode.episode_type is not EpisodeType.FULL:
        tags.append(episode.episode_type.value)
    if summary.quick_takes.is_clickbait:
        tags.append("clickbait")
    return tags


def _fields(
    summary: Summary, episode: Episode, podcast: str, folder: str, page: str | None
) -> dict[str, Value]:
    title = one_line(summary.episode_title or episode.title)
    seconds = summary.duration_seconds or episode.duration_seconds or episode.audio_seconds
    audio = summary.audio_url or (episode.audio.url if episode.audio else None)
    return {
        SUMMARY_ID: summary.episode_id,
        "podcast": podcast,
        "episode": title,
        "date": _published(episode),
        "duration": format_timestamp(seconds) if seconds else None,
        "duration_seconds": int(seconds) if seconds else None,
        "audio_url": safe_web_url(audio),
        "episode_url": safe_web_url(summary.episode_url or episode.link),
        "summary_url": safe_web_url(page),
        "speakers": note_speakers(summary),
        "sponsors": [one_line(name) for name, _ in sponsors_by_name(summary.sponsors)],
        "tags": _tags(summary, episode, folder),
        "aliases": [title] if title else [],
        "language": one_line(summary.language or episode.language) or None,
        "feed_id": summary.feed_id,
    }


def _show_notes(episode: Episode) -> str:
    text = show_notes_text(episode.description)[:SHOW_NOTES_MAX_CHARS]
    paragraphs = [escape(line) for line in text.split("\n") if one_line(line)]
    if not paragraphs:
        return ""
    return "\n".join([f"## {SHOW_NOTES}", "", *(f"{p}\n" for p in paragraphs)])


def episode_note(
    summary: Summary, episode: Episode, feed_title: str = "", summary_url: str | None = None
) -> EpisodeNote:
    """The note of one summarised episode (feed_title: the podcast's name as the feed now gives it)."""
    podcast = one_line(feed_title or summary.podcast_title)
    folder = podcast_folder(podcast, summary.feed_id)
    body = render_markdown(summary)
    notes = _show_notes(episode)
    text = front_matter(_fields(summary, episode, podcast, folder, summary_url)) + "\n" + body
    if notes:
        text += "\n" + notes
    return EpisodeNote(
        summary_id=summary.episode_id,
        folder=folder,
        stem=note_stem(_published(episode), summary.episode_title or episode.title),
        text=text,
    )
