"""Sponsor reads: found in the transcript and kept out of the summary, whichever summarizer writes it.

A read opens with "brought to you by", "sponsored by", "this portion of the
show is…" or "thank you to our sponsors", and runs on while its tell-tales
keep coming (promo and coupon codes, vanity URLs such as talkpython.fm/sentry,
"free trial", "sign up at", "thank you to X for supporting the show") and the
host's way back to the show. Matching runs over the whole text, so a phrase a
caption engine cut across two cues is still found. What is cut out is the
read's own text: a cue that also carries talk keeps its talk.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

from podcast_digest.models import Segment, SponsorRead, Transcript

_OPENING = re.compile(
    r"(?:\b(?:this|the|today's|today’s)\s+(?:portion|part|segment|episode|show|week's\s+episode)\b"
    r"[^.?!]{0,60}?\s(?:is|are)\s+)?"
    r"\b(?:(?P<strong>brought\s+to\s+you\s+by|sponsored\s+by|(?:thank\s+you|thanks)\s+to\s+our\s+sponsors?"
    r"|a\s+(?:quick\s+)?word\s+from\s+our\s+sponsors?|our\s+sponsor\s+(?:today|this\s+week)\s+is)"
    r"|supported\s+by)\b",
    re.IGNORECASE,
)
_TELLTALE = re.compile(
    r"\b(?:(?:promo|coupon|discount|offer)\s+code(?:\s+[\w-]+){0,2}(?:,?\s+all\s+one\s+word)?"
    r"|(?:use|with)\s+(?:the\s+)?code(?:\s+[\w-]+){0,2}(?:,?\s+all\s+one\s+word)?"
    r"|free\s+trial|free\s+months?|sign\s+up\s+(?:today\s+|now\s+)?at|get\s+started\s+(?:for\s+free\s+)?at"
    r"|check\s+(?:them|it)\s+out\s+at|(?:thank\s+you|thanks)\s+to\s+[^.?!]{1,60}?\s+for\s+(?:supporting|sponsoring)"
    r"|support\s+(?:the|this|our)\s+(?:show|podcast)"
    r"|[a-z0-9-]+\.(?:fm|com|io|ai|co|dev|net|org)\s*(?:/|\s+slash\s+)\s*[a-z0-9-]+)",
    re.IGNORECASE,
)
_BACK_TO_THE_SHOW = re.compile(
    r"\b(?:(?:and\s+)?now,?\s+back\s+to\s+(?:the\s+)?(?:show|episode|interview|conversation)"
    r"|(?:let's|let’s)\s+get\s+back\s+to\s+(?:the\s+)?(?:show|episode|interview|conversation)"
    r"|back\s+to\s+(?:the\s+)?(?:show|episode|interview|conversation))\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_NAME_WORD = re.compile(r"[A-Z][\w.&'’-]*")
_NAME_JOINERS = frozenset({"for", "of", "and", "&", "by"})
_VANITY_PATH = re.compile(r"\.(?:fm|com|io|ai|co|dev|net|org)\s*(?:/|\s+slash\s+)\s*([a-z0-9-]+)", re.I)

# A tell-tale this long after the read's last one belongs to the show again (the first one may
# come later: a read tells its story before it gives the URL).
_MAX_TELLTALE_GAP_SECONDS = 75.0
_MAX_FIRST_TELLTALE_SECONDS = 150.0
# No read is longer than this.
_MAX_READ_SECONDS = 240.0
_NAME_MAX_WORDS = 6
# Punctuated talk: the read runs to its sentence's end when that is this close; unpunctuated: to the cue's end.
_LONGEST_SENTENCE_CHARACTERS = 240
_UNNAMED = "a sponsor"


@dataclass(frozen=True)
class _Read:
    first: int  # character offsets in the episode text
    last: int
    names: tuple[str, ...]


class _EpisodeText:
    """The transcript as one string, with the segment and time of every character."""

    def __init__(self, transcript: Transcript) -> None:
        self.segments = transcript.segments
        self.starts: list[int] = []
        pieces: list[str] = []
        offset = 0
        for segment in self.segments:
            self.starts.append(offset)
            pieces.append(segment.text)
            offset += len(segment.text) + 1
        self.text = " ".join(pieces)

    def segment_at(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def seconds_at(self, offset: int) -> float:
        segment = self.segments[self.segment_at(offset)]
        return segment.start

    def segment_end(self, offset: int) -> int:
        index = self.segment_at(offset)
        return self.starts[index] + len(self.segments[index].text)


def find_sponsor_reads(transcript: Transcript) -> list[SponsorRead]:
    """Every sponsor read of the episode, in time order, with the sponsors named in it."""
    if not transcript.segments:
        return []
    episode = _EpisodeText(transcript)
    return _as_found(episode, _reads(episode))


def without_sponsor_reads(transcript: Transcript) -> tuple[Transcript, list[SponsorRead]]:
    """The transcript with every sponsor read cut out, and the reads that were cut."""
    if not transcript.segments:
        return transcript, []
    episode = _EpisodeText(transcript)
    reads = _reads(episode)
    if not reads:
        return transcript, []
    kept: list[Segment] = []
    for index, segment in enumerate(episode.segments):
        begin = episode.starts[index]
        text = _outside(segment.text, begin, reads)
        if text == segment.text:
            kept.append(segment)
        elif any(ch.isalnum() for ch in text):
            kept.append(segment.model_copy(update={"text": text}))
    return transcript.model_copy(update={"segments": kept}), _as_found(episode, reads)


def _as_found(episode: _EpisodeText, reads: list[_Read]) -> list[SponsorRead]:
    return [
        SponsorRead(
            sponsors=list(read.names),
            start_seconds=episode.seconds_at(read.first),
            end_seconds=episode.segments[episode.segment_at(read.last - 1)].end,
        )
        for read in reads
    ]


def _outside(text: str, begin: int, reads: list[_Read]) -> str:
    """The part of one segment's text that no read covers."""
    keep = [True] * len(text)
    for read in reads:
        for k in range(max(read.first, begin), min(read.last, begin + len(text))):
            keep[k - begin] = False
    if all(keep):
        return text
    return re.sub(r"\s+", " ", "".join(ch if keep[k] else " " for k, ch in enumerate(text))).strip()


def _reads(episode: _EpisodeText) -> list[_Read]:
    text = episode.text
    telltales = list(_TELLTALE.finditer(text))
    reads: list[_Read] = []
    for opening in _OPENING.finditer(text):
        if reads and opening.start() < reads[-1].last:
            continue  # inside the read already found
        last, _ = _follow_telltales(episode, opening.start(), opening.end(), telltales)
        if not opening.group("strong") and not _UNMISTAKABLE.search(text, opening.start(), last):
            continue  # "supported by" in passing, with nothing of an advert after it
        first = _sentence_start(text, opening.start())
        last = _finish(episode, first, last)
        reads.append(_Read(first=first, last=last, names=_names(text[first:last])))
    return _named(_merge(reads), text)


def _named(reads: list[_Read], text: str) -> list[_Read]:
    """One spelling per sponsor across the episode, and a name for every read."""
    known = _distinct([name for read in reads for name in read.names])
    named = []
    for read in reads:
        names = tuple(_distinct([_spelling(n, known) for n in read.names]))
        names = names or _vanity_names(text[read.first : read.last], known) or (_UNNAMED,)
        named.append(_Read(read.first, read.last, names))
    return named


def _spelling(name: str, known: list[str]) -> str:
    words = name.casefold().split()
    return next((k for k in known if _prefix(words, k.casefold().split())), name)


def _follow_telltales(
    episode: _EpisodeText, first: int, last: int, telltales: list[re.Match[str]]
) -> tuple[int, bool]:
    opened_at = episode.seconds_at(first)
    found = False
    for telltale in telltales:
        if telltale.start() < last:
            continue
        at = episode.seconds_at(telltale.start())
        gap = at - episode.seconds_at(last) if found else at - opened_at - _MAX_FIRST_TELLTALE_SECONDS
        if gap > (_MAX_TELLTALE_GAP_SECONDS if found else 0.0) or at - opened_at > _MAX_READ_SECONDS:
            break
        last, found = telltale.end(), True
    return last, found


def _finish(episode: _EpisodeText, first: int, last: int) -> int:
    """Run on to the end of the sentence (of the cue, in unpunctuated talk) and the way back to the show."""
    text = episode.text
    punctuated = _SENTENCE_END.search(text, first, last) is not None
    sentence_end = _SENTENCE_END.search(text, last, min(len(text), last + _LONGEST_SENTENCE_CHARACTERS))
    end = sentence_end.end() if punctuated and sentence_end else episode.segment_end(last)
    back = _BACK_TO_THE_SHOW.search(text, end, min(len(text), end + 200))
    if back:
        after = _SENTENCE_END.search(text, back.end())
        end = after.end() if after and after.end() - back.end() < 80 else back.end()
    return end


def _sentence_start(text: str, offset: int) -> int:
    """Back to the start of the sentence, when it is close: "This portion of …" starts the read."""
    window = text[max(0, offset - 120) : offset]
    ends = list(_SENTENCE_END.finditer(window))
    if not ends:
        return offset
    return max(0, offset - 120) + ends[-1].end() + (1 if ends[-1].end() < len(window) else 0)


_NAMED_AFTER = re.compile(
    r"\b(?:brought\s+to\s+you\s+by|sponsored\s+by|supported\s+by|(?:thank\s+you|thanks)\s+to)\s+", re.I
)


def _names(read_text: str) -> tuple[str, ...]:
    """Who the read names: "brought to you by Sentry", "thanks to Microsoft for supporting the show"."""
    names = [_name_after(read_text, match.end()) for match in _NAMED_AFTER.finditer(read_text)]
    return tuple(_distinct([n for n in names if n]))


def _vanity_names(read_text: str, known: list[str]) -> tuple[str, ...]:
    """A read that names nobody ("thank you to our sponsors") still points at them: talkpython.fm/sentry."""
    squeezed = {name: name.replace(" ", "").casefold() for name in known}
    found = [
        name
        for path in _VANITY_PATH.finditer(read_text)
        for name, key in squeezed.items()
        if path.group(1).casefold() in key or key.startswith(path.group(1).casefold())
    ]
    return tuple(_distinct(found))


def _name_after(text: str, offset: int) -> str:
    """The capitalised words starting at `offset` ("Microsoft for Startups Founders Hub")."""
    taken: list[str] = []
    pending: list[str] = []
    for token in text[offset : offset + 120].split():
        word = token.rstrip(".,;:!?")
        if _NAME_WORD.fullmatch(word) and word not in {"I", "The", "This", "You"}:
            taken.extend([*pending, word])
            pending = []
        elif taken and word.casefold() in _NAME_JOINERS:
            pending.append(word)
        else:
            break
        if word != token or len(taken) >= _NAME_MAX_WORDS:
            break
    return " ".join(taken)


def _distinct(names: list[str]) -> list[str]:
    """One spelling per sponsor: "Microsoft" and "Microsoft for Startups" are one."""
    kept: list[str] = []
    for name in names:
        key = name.casefold().split()
        same = [k for k in kept if _prefix(k.casefold().split(), key) or _prefix(key, k.casefold().split())]
        if not same:
            kept.append(name)
        elif len(name) > len(same[0]):
            kept[kept.index(same[0])] = name
    return kept


def _prefix(short: list[str], long: list[str]) -> bool:
    return long[: len(short)] == short


def _merge(reads: list[_Read]) -> list[_Read]:
    merged: list[_Read] = []
    for read in reads:
        if merged and read.first <= merged[-1].last + 1:
            previous = merged[-1]
            merged[-1] = _Read(previous.first, max(previous.last, read.last), (*previous.names, *read.names))
        else:
            merged.append(read)
    return merged


_UNMISTAKABLE = re.compile(
    r"\b(?:(?:promo|coupon|discount|offer)\s+code|(?:use|with)\s+the\s+code|free\s+trial|free\s+months?"
    r"|for\s+(?:supporting|sponsoring)\s+(?:the|this|our)\s+(?:show|podcast|episode)"
    r"|support\s+(?:the|this|our)\s+(?:show|podcast))\b",
    re.IGNORECASE,
)


def sounds_like_a_read(text: str) -> bool:
    """A summary line that reads like an advert: it opens a read or carries a promo code or free trial."""
    opening = _OPENING.search(text)
    return bool((opening and opening.group("strong")) or _UNMISTAKABLE.search(text))
