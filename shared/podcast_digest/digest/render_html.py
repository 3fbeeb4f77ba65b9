"""The summary as a standalone HTML page: readable typography, contents, timestamp links, provenance.

Rendered with Jinja2 and autoescaping on: titles, ideas and quotes come from
feeds and from a model reading an untrusted transcript, so they are always text.
"""

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from podcast_digest.digest import outline
from podcast_digest.digest.outline import one_line
from podcast_digest.digest.timestamps import safe_web_url
from podcast_digest.models import Summary

if TYPE_CHECKING:
    from jinja2 import Environment

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


@lru_cache(maxsize=1)
def environment() -> "Environment":
    """The one Jinja2 environment for pages and emails (autoescape on for everything)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined  # here: ~90 ms, not at every import

    return Environment(
        loader=PackageLoader("podcast_digest.digest", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def language_tag(language: str | None) -> str | None:
    """The summary's language when it looks like a BCP 47 tag (it comes from the feed), else None."""
    if language and _LANGUAGE_TAG.fullmatch(language.strip()):
        return language.strip()
    return None


def base_context(summary: Summary) -> dict[str, Any]:
    """What both the page and the email template need to show a summary."""
    audio = outline.moment(summary, 0).href
    return {
        "s": summary,
        "o": outline,
        "one_line": one_line,
        "stamp": lambda seconds: outline.moment(summary, seconds),
        "safe_url": safe_web_url,
        "podcast": one_line(summary.podcast_title),
        "episode": one_line(summary.episode_title),
        "heading": outline.episode_heading(summary),
        "lang": language_tag(summary.language) or "",
        "quote": outline.shown_quote(summary),
        "provenance": outline.provenance_lines(summary.provenance),
        "sponsors": outline.sponsors_line(summary),
        "audio": audio.split("#", 1)[0] if audio else None,
        "episode_page": outline.episode_link(summary),
        "duration": outline.duration_label(summary.duration_seconds),
        "groups": outline.idea_groups(summary),
        "idea_parts": outline.idea_parts(summary),
        "lesson_parts": outline.lesson_parts(summary),
    }


def render_html(summary: Summary) -> str:
    """The whole summary as one self-contained HTML page (inline CSS, no scripts, no remote resources)."""
    return environment().get_template("page.html.j2").render(base_context(summary))
