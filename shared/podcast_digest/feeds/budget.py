"""A parse budget for huge and deeply nested feeds, applied to the bytes before any parser runs.

feedparser's cost grows with the number of items (a 19 MB feed of 49,032 items took 41 s and
347 MB) and badly with nesting depth (~10 s per MB of nested elements). Neither is needed:

- items beyond MAX_ITEMS are cut off. Feeds list the newest first, and a poll only ever takes the
  newest few, so nothing a run would process is lost; the feed gets a note saying so;
- a run of more than MAX_DEPTH opening tags with no closing tag between them is refused: no
  podcast feed nests like that (void HTML tags such as <br> in unescaped show notes do not count).
"""

import re

from podcast_digest.errors import FeedError

MAX_ITEMS = 2500
MAX_DEPTH = 256
_ITEM_END = re.compile(rb"</\s*(?:[A-Za-z][\w.-]*:)?(item|entry)\s*>", re.IGNORECASE)
_VOID = rb"(?:br|img|hr|meta|link|input|wbr|source|area|base|col|embed|param|track)\b"
_DEEP = re.compile(rb"(?:<(?!/|!|\?|" + _VOID + rb")[A-Za-z][^<>]{0,400}(?<!/)>[^<]{0,2000}){%d}" % MAX_DEPTH)


def refuse_deep_nesting(body: bytes, *, what: str) -> None:
    if _DEEP.search(body) is not None:
        raise FeedError(
            f"{what} nests elements more than {MAX_DEPTH} deep, which no podcast feed does: refused "
            "(ask the publisher to check the feed)"
        )


def within_item_budget(body: bytes) -> tuple[bytes, int | None]:
    """The document cut after its MAX_ITEMS-th item (closed again), and how many items it had
    beyond that (None when it was within the budget)."""
    ends = _ITEM_END.finditer(body)
    cut: re.Match[bytes] | None = None
    for count, match in enumerate(ends, start=1):
        if count == MAX_ITEMS:
            cut = match
            break
    if cut is None:
        return body, None
    extra = sum(1 for _ in _ITEM_END.finditer(body, cut.end()))
    if extra == 0:
        return body, None
    closing = b"</feed>" if cut.group(1).lower() == b"entry" else b"</channel></rss>"
    return body[: cut.end()] + closing, extra
