"""Atom feeds of the summaries (RFC 4287): one per podcast and one for all.

Each entry is the episode's overview (the one-sentence summary and the TL;DR)
with a link to the full page. Built with ElementTree, so every value from a
feed or a model is escaped as XML text.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from podcast_digest.digest.outline import one_line
from podcast_digest.models import Summary

ATOM = "http://www.w3.org/2005/Atom"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class AtomEntry:
    summary: Summary
    page_url: str
    updated: datetime


def _stamp(moment: datetime) -> str:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def atom_feed(title: str, self_url: str, site_url: str, entries: list[AtomEntry]) -> str:
    feed = ET.Element("feed", {"xmlns": ATOM})
    _add(feed, "id", self_url)
    _add(feed, "title", title)
    _add(feed, "updated", _stamp(max((e.updated for e in entries), default=EPOCH)))
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=site_url)
    author = _add(feed, "author")
    _add(author, "name", "Podcast Digest")
    _add(feed, "generator", "Podcast Digest")
    for entry in entries:
        _entry(feed, entry)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode")


def _entry(feed: ET.Element, entry: AtomEntry) -> None:
    summary = entry.summary
    element = _add(feed, "entry")
    _add(element, "id", entry.page_url)
    _add(
        element,
        "title",
        one_line(summary.episode_title) or one_line(summary.podcast_title) or "Episode summary",
    )
    _add(element, "updated", _stamp(entry.updated))
    _add(element, "link", rel="alternate", type="text/html", href=entry.page_url)
    if summary.podcast_title:
        author = _add(element, "author")
        _add(author, "name", one_line(summary.podcast_title))
    overview = "\n\n".join(part for part in (summary.one_sentence_summary, summary.tldr) if part)
    _add(element, "summary", overview or "Read the full summary.", type="text")
