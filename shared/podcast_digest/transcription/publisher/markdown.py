"""Markdown transcripts as the Changelog publishes them.

Paragraphs open with `**Speaker Name:**`; a paragraph without one continues the last speaker.
Brackets are escaped (`\\[laughs\\]`), and times are sparse: `\\[00:12:34\\]`, `\\[27:43\\]` or inside
a stage direction such as `\\[unintelligible 00:03:18.16\\]`. Each stamp anchors the word where it
sits; other times are interpolated by words between stamps (or estimated at the speaking rate past
the last one), so the transcript says its timing is estimated. A `**Break**: \\[55:30\\]` marker's
stamp is where the break starts: the words after it are timed back from the next stamp. Stage
directions and markdown markup are removed from the text; editorial insertions such as
`\\[the model\\]` stay.
"""

import itertools
import re

from podcast_digest.transcription.publisher.cues import Cue, ParsedTranscript, readable_chunks
from podcast_digest.transcription.publisher.timestamps import parse_clock
from podcast_digest.transcription.publisher.word_timing import WordClock

_LABEL = re.compile(r"\*\*([^*\n]{1,80}?)(?::\*\*|\*\*[ \t]*:)[ \t]*")
_IMAGE_OR_LINK = re.compile(r"(!?)\[([^\[\]\n]{0,300})\]\([^()\s]{0,2000}\)")
# An escaped `\[…\]` or a bare `[…]` group; bounded so an unclosed bracket scans no further.
_BRACKETS = re.compile(r"\\\[([^\[\]\\\n]{0,200})\\\]|\[([^\[\]\n]{0,200})\]")
_CLOCK_IN_TEXT = re.compile(r"(?<![\d:])((?:\d{1,2}:)?\d{1,2}:\d{2}(?:\.\d{1,3})?)(?![\d:])", re.ASCII)
_EMPHASIS = re.compile(r"(?<!\\)(?:\*+|__+|`+)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_HEADING = re.compile(r"#{1,6}(?:\s|$)")
_RULE = re.compile(r"[-*_ ]{3,}")
_BULLET = re.compile(r"[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+")

_STAGE_WORDS = frozenset(
    {
        *("laugh", "laughs", "laughter", "laughing", "chuckle", "chuckles", "chuckling", "crosstalk"),
        *("cross-talk", "inaudible", "unintelligible", "indiscernible", "unclear", "music", "applause"),
        *("clapping", "silence", "pause", "sigh", "sighs", "cough", "coughs", "cheer", "cheers", "cheering"),
        *("break", "ad", "ads", "sponsor", "sponsors", "beep", "noise", "sound", "sounds", "static"),
        *("intro", "outro", "jingle", "clip", "singing", "sings", "groan", "groans", "whistles"),
        *("overlapping", "overtalk", "interruption", "audience", "transition", "audio", "video", "mic"),
    }
)


def _is_name(label: str) -> bool:
    """A bold label is explicit: allow long names (`María José García López`), not sentences."""
    words = label.split()
    return 0 < len(words) <= 6 and len(label) <= 60 and (words[0][0].isupper() or words[0][0].isdigit())


def _is_stage_direction(content: str) -> bool:
    words = content.strip().lower().split()
    return bool(words) and words[0].strip(".,!?;:") in _STAGE_WORDS


class _Paragraph:
    """A paragraph's plain text and the anchors (word offset within it, seconds) found in it."""

    def __init__(self, raw: str) -> None:
        self.anchors: list[tuple[int, float]] = []
        pieces: list[str] = []
        words = 0
        position = 0
        raw = _IMAGE_OR_LINK.sub(lambda m: "" if m.group(1) else m.group(2), raw)
        for match in _BRACKETS.finditer(raw):
            before = raw[position : match.start()]
            pieces.append(before)
            words += len(before.split())
            position = match.end()
            content = match.group(1) if match.group(1) is not None else match.group(2)
            clock = _CLOCK_IN_TEXT.search(content)
            seconds = parse_clock(clock.group(1)) if clock else None
            if seconds is not None:
                self.anchors.append((words, seconds))
            elif not _is_stage_direction(content):
                pieces.append(f"[{content}]")
                words += len(content.split())
        pieces.append(raw[position:])
        text = _EMPHASIS.sub("", "".join(pieces))
        self.text = " ".join(_ESCAPE.sub(r"\1", text).split())

    def parts(self) -> list[str]:
        """The text cut at each stamp inside it, so a stamp's time starts a segment of its own."""
        words = self.text.split()
        cuts = sorted({offset for offset, _ in self.anchors if 0 < offset < len(words)})
        bounds = [0, *cuts, len(words)]
        return [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds) if b > a]


def _paragraphs(text: str) -> list[str]:
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = []
        for line in block.split("\n"):
            stripped = line.strip()
            if (
                not stripped
                or _HEADING.match(stripped)
                or stripped.startswith("<!--")
                or _RULE.fullmatch(stripped)
            ):
                continue
            bullet = _BULLET.match(line)
            lines.append(line[bullet.end() :] if bullet and not stripped.startswith("**") else stripped)
        if lines:
            paragraphs.append(" ".join(line.strip() for line in lines))
    return paragraphs


def parse_markdown(text: str) -> ParsedTranscript:
    pieces: list[tuple[int, int, str, str | None, str]] = []  # (first word, words, text, speaker, where)
    anchors: list[tuple[int, float]] = []
    breaks: set[tuple[int, float]] = set()
    speaker: str | None = None
    position = 0
    for number, raw in enumerate(_paragraphs(text), start=1):
        label = _LABEL.match(raw)
        body_raw = raw
        if label is not None and _is_name(label.group(1)):
            speaker = label.group(1).strip()
            body_raw = raw[label.end() :]
        # A whole paragraph in italics is quoted or editorial text, not the last speaker's words.
        italic = label is None and raw.startswith("*") and not raw.startswith("**") and raw.endswith("*")
        paragraph = _Paragraph(body_raw)
        found = [(position + offset, seconds) for offset, seconds in paragraph.anchors]
        anchors.extend(found)
        if not paragraph.text:
            # `**Break:** \[20:37\]`: a marker, not speech; whoever speaks next names themselves.
            # Its stamp is where the break starts: the talk after it resumes later (after the ad),
            # so those words are timed back from the next stamp, not forward from the break.
            if label is not None:
                speaker = None
                breaks.update(found)
            continue
        for part in paragraph.parts():
            for chunk in readable_chunks(part):
                count = len(chunk.split())
                pieces.append((position, count, chunk, None if italic else speaker, f"paragraph {number}"))
                position += count
    clock = WordClock(anchors, frozenset(breaks))
    cues = [
        Cue(clock.at(first), clock.at(first + count, ending=True), chunk, who, where)
        for first, count, chunk, who, where in pieces
    ]
    return ParsedTranscript(cues=cues, timing_estimated=True)
