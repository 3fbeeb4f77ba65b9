"""Renderers of a summary (plain text, Markdown, HTML page, JSON) and the digest email.

from podcast_digest import digest
digest.render(summary, "md")
digest.email.compose_digest(summary, to=..., sender=...)
"""

from podcast_digest.digest import email
from podcast_digest.digest.render_html import render_html
from podcast_digest.digest.render_json import render_json
from podcast_digest.digest.render_markdown import render_markdown
from podcast_digest.digest.render_text import render_text
from podcast_digest.models import Summary

RENDERERS = {
    "txt": render_text,
    "md": render_markdown,
    "html": render_html,
    "json": render_json,
}
FORMATS = tuple(RENDERERS)


def render(summary: Summary, fmt: str) -> str:
    """The summary in one of FORMATS (txt, md, html, json); ValueError names the choices otherwise."""
    renderer = RENDERERS.get(fmt.lower().lstrip(".") if isinstance(fmt, str) else fmt)
    if renderer is None:
        raise ValueError(f"unknown summary format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return renderer(summary)


__all__ = ["FORMATS", "email", "render", "render_html", "render_json", "render_markdown", "render_text"]
