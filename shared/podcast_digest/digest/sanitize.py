"""Show notes from feeds are hostile HTML: keep a small allowlist for display, or reduce them to text."""

import html
import re

import nh3

# Enough to keep a publisher's paragraphs, emphasis, lists and links readable;
# nothing that can run code, load remote content or restyle the page.
ALLOWED_TAGS = frozenset({"p", "br", "a", "b", "strong", "i", "em", "ul", "ol", "li", "blockquote"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed with everything inside them (not just the tags). Other tags, iframe and object
# included, are removed but their fallback text stays, as inert text.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "title"})

_SHOW_NOTES = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    link_rel="noopener nofollow",
    strip_comments=True,
    url_relative="deny",  # a relative link means nothing inside an email
)
_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT), strip_comments=True)

_LINE_END = re.compile(r"(?i)<br\s*/?>|</li>")
_PARAGRAPH_END = re.compile(r"(?i)</(?:p|blockquote|ul|ol)>")
_LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")


def sanitize_show_notes(raw_html: str) -> str:
    """Show notes as safe HTML: allowlisted tags only; links http(s)/mailto with rel="noopener nofollow"."""
    if not raw_html:
        return ""
    return _SHOW_NOTES.clean(raw_html).strip()


def show_notes_text(raw_html: str) -> str:
    """Show notes as plain text: tags stripped, entities decoded, spaces folded, paragraphs kept apart."""
    if not raw_html:
        return ""
    safe = sanitize_show_notes(raw_html)
    # A text reader cannot click: keep each link's address after its words (the sanitiser's
    # output is well formed, so this pattern sees every link it kept).
    safe = _LINK.sub(
        lambda m: m.group(2) if m.group(1) in m.group(2) else f"{m.group(2)} ({m.group(1)})", safe
    )
    # Paragraph and line breaks survive as newlines so a text email stays readable.
    # Line breaks in HTML source are spaces; only the markup's own breaks become newlines.
    safe = " ".join(safe.split())
    marked = _PARAGRAPH_END.sub(
        lambda m: m.group(0) + "\n\n", _LINE_END.sub(lambda m: m.group(0) + "\n", safe)
    )
    text = html.unescape(_TEXT_ONLY.clean(marked))
    text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def truncate_show_notes(safe_html: str, max_chars: int) -> str:
    """Already sanitised show notes cut to about max_chars at a tag boundary, then re-balanced."""
    if len(safe_html) <= max_chars:
        return safe_html
    cut = safe_html[:max_chars]
    open_tag = cut.rfind("<")
    if open_tag > cut.rfind(">"):
        cut = cut[:open_tag]  # never leave half a tag behind
    return sanitize_show_notes(cut + "…")
