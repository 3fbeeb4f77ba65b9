"""A parse budget for huge and deeply nested feeds, applied to the bytes before any parser runs.

feedparser's cost grows with the number of items (a 19 MB feed of 49,032 items took 41 s and
347 MB) and badly with nesting depth (~10 s per MB of nested elements). Neither is needed:

- only the MAX_ITEMS newest items are kept (by date, whichever order the feed lists them in: most
  list the newest first, some the oldest first). A poll only ever takes the newest few, so nothing
  a run would process is lost; the feed gets a note saying so;
- a run of more than MAX_DEPTH opening tags with no closing tag between them is refused: no
  podcast feed nests like that (void HTML tags such as <br> in unescaped show notes do not count).
"""

import email.utils
import itertools
import re
from datetime import UTC, datetime

from podcast_digest.errors import FeedError

MAX_ITEMS = 2500
MAX_DEPTH = 256
_ITEM_END = re.compile(rb"</\s*(?:[A-Za-z][\w.-]*:)?(item|entry)\s*>", re.IGNORECASE)
_ITEM_START = re.compile(rb"<\s*(?:[A-Za-z][\w.-]*:)?(?:item|entry)(?=[\s>])", re.IGNORECASE)
_DATE_TEXT = rb"\s*>\s*(?:<!\[CDATA\[)?([^<\]]{1,120})"
_PUBLISHED = re.compile(rb"<\s*(?:pubDate|published|dc:date)" + _DATE_TEXT, re.IGNORECASE)
_UPDATED = re.compile(rb"<\s*(?:updated|dc:modified|atom:updated)" + _DATE_TEXT, re.IGNORECASE)
_VOID = rb"(?:br|img|hr|meta|link|input|wbr|source|area|base|col|embed|param|track)\b"
_DEEP = re.compile(rb"(?:<(?!/|!|\?|" + _VOID + rb")[A-Za-z][^<>]{0,400}(?<!/)>[^<]{0,2000}){%d}" % MAX_DEPTH)


def refuse_deep_nesting(body: bytes, *, what: str) -> None:
    if _DEEP.search(body) is not None:
        raise FeedError(
            f"{what} nests elements more than {MAX_DEPTH} deep, which no podcast feed does: refused "
            "(ask the publisher to check the feed)"
        )


def within_item_budget(body: bytes) -> tuple[bytes, int | None]:
    """The document with only its MAX_ITEMS newest items, and how many it had beyond that (None when
    it was within the budget). Everything else in the document is kept as it was, in its order.

    Newest is by each item's date (pubDate, Atom published/updated, dc:date). Items without one
    are placed by document order: the feed's direction is read from its dated items (most feeds
    list the newest first; some, oldest first), and an undated item counts as at least as new as
    the dated item before it in that direction. With no dates at all the first items are kept.
    """
    spans = _item_spans(body)
    extra = len(spans) - MAX_ITEMS
    if extra <= 0:
        return body, None
    newest = _newest_first([_item_date(body, inside, inside_end) for _, inside, inside_end, _ in spans])
    dropped = sorted(newest[MAX_ITEMS:])
    pieces, position = [], 0
    for index in dropped:
        start, _, _, end = spans[index]
        pieces.append(body[position:start])
        position = end
    pieces.append(body[position:])
    return b"".join(pieces), extra


def _item_spans(body: bytes) -> list[tuple[int, int, int, int]]:
    """(start, start of content, end of content, end) of every item, in document order."""
    spans: list[tuple[int, int, int, int]] = []
    position = 0
    for end in _ITEM_END.finditer(body):
        start = _ITEM_START.search(body, position, end.start())
        position = end.end()
        if start is not None:
            spans.append((start.start(), start.end(), end.start(), end.end()))
    return spans


def _item_date(body: bytes, start: int, end: int) -> float | None:
    for pattern in (_PUBLISHED, _UPDATED):
        found = pattern.search(body, start, end)
        if found is not None:
            stamp = _timestamp(found.group(1).decode("ascii", "replace").strip())
            if stamp is not None:
                return stamp
    return None


def _timestamp(text: str) -> float | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom) date as seconds since the epoch; None when it is neither."""
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            return None
    try:
        return (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()
    except (OverflowError, OSError, ValueError):
        return None


def _newest_first(stamps: list[float | None]) -> list[int]:
    """Item indices, newest first (see within_item_budget)."""
    dated = [s for s in stamps if s is not None]
    rising = sum(1 for a, b in itertools.pairwise(dated) if b > a)
    falling = sum(1 for a, b in itertools.pairwise(dated) if b < a)
    oldest_first = rising > falling
    # Walk from oldest to newest in document order; an undated item takes the date before it.
    walk = range(len(stamps)) if oldest_first else range(len(stamps) - 1, -1, -1)
    effective: dict[int, float] = {}
    last = float("-inf")
    for index in walk:
        stamp = stamps[index]
        last = stamp if stamp is not None else last
        effective[index] = last
    later_is_newer = 1 if oldest_first else -1  # between items of the same date
    return sorted(range(len(stamps)), key=lambda i: (effective[i], later_is_newer * i), reverse=True)
