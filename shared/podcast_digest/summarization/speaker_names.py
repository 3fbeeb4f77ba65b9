"""Who each voice is: a speaker label becomes a name only when the episode itself says so.

A speech-to-text engine labels voices "Speaker 1", "spk_0", "SPEAKER_00". Such a
label is replaced by a name only on the word of the episode:

- the publisher's own transcript labels (VTT `<v Name>`, SRT/JSON speaker fields,
  "Name:" lines) already are names, and are kept as the publisher wrote them;
- a self-introduction by that voice in the first minutes ("I'm Jane Doe", "my name is
  Jane Doe", "this is your host, Jane Doe", "Jane here from …");
- an introduction of the next voice by another ("my guest today is Jane Doe", "we're
  joined by Jane Doe", "welcome to the show, Jane", "Jane, welcome to …"): the name goes
  to the next different voice that speaks, soon after.

`<podcast:person>` tags never name a voice by themselves (a name in the feed or the
show notes says who is on the show, not which voice is theirs): they give a name heard
in an introduction its full spelling and its role, and the cast nobody introduced is
listed as named by the feed, matched to no voice. Anything ambiguous (two names for one
voice, one name for two voices) leaves the voice unnamed. A name must look like one:
one to three capitalised words, not a common word ("I'm Not sure", "I'm So glad").
"""

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from podcast_digest.models import (
    Episode,
    Feed,
    Person,
    Segment,
    SpeakerName,
    Transcript,
    TranscriptSourceKind,
)

# Introductions come early: an hour-long show opens with its cast within a few minutes.
INTRO_SECONDS = 300.0
# An introduced guest speaks within this long of being introduced, or the name is not theirs.
ANSWER_SECONDS = 60.0
MAX_NAME_CHARS = 60

# Labels that name no one: a diarizing engine's or a role's.
_GENERIC = re.compile(
    r"(?:unknown[\s_-]*)?(?:speaker|spk|voice|participant|unknown|s)(?:[\s_-]*(?:\d{1,3}|[a-z]))?"
    r"|(?:host|co-?host|guest|interviewer|interviewee|narrator)(?:[\s_-]*\d{1,3})?",
    re.IGNORECASE,
)
# One capitalised word of a name: "Jane", "O'Brien", "McDonald", "Jean-Luc", "Zoë"; or an initial "J.".
_WORD = r"(?:[A-Z][a-z'’]*[A-Z]?[a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?|[A-Z]\.)"
_PARTICLE = r"(?:de|da|del|van|von|der|di|le|la|bin|al)"
_NAME = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_WORD}){{0,2}}"
# What may follow a name (so "This is Talk Python To Me" is not a four-word name cut to three).
_AFTER = r"(?=$|[,.;:!?)\-–—]|\s+(?![A-Z]))"

# The voice itself: "I'm Jane Doe", "my name is Jane", "this is (your host,) Jane Doe".
_SELF = re.compile(
    rf"\b(?:I'm|I’m|I am|[Mm]y name is|[Tt]his is|[Tt]his is your host,?|I'm your host,?|I am your host,?)"
    rf"\s+(?P<name>{_NAME}){_AFTER}"
)
# "Jane here from …", "Hi Buzzsprout, Gillian here": at the start of a sentence or after a greeting.
_HERE = re.compile(rf"(?:^|[,.!?]\s+)(?P<name>{_NAME}) here(?=[,.!]|\s+(?:from|with|and|at)\b)")
# Another voice, introduced: the next different voice to speak is theirs.
_OTHER = re.compile(
    rf"\b(?:(?:[Mm]y|[Oo]ur) (?:special )?(?:guests?|co-?hosts?)(?: (?:today|this week|on the show|again))?"
    rf"(?: is|,| is none other than)?"
    rf"|(?:joined|[Jj]oining (?:me|us))(?: (?:today|again|as always|this week|once again))?"
    rf"(?: (?:by|is))?(?: (?:my|our) (?:co-?host|guest),?)?"
    rf"|[Ww]elcome(?: (?:to the show|back|aboard))?,?"
    rf"|[Pp]lease welcome)\s+(?P<name>{_NAME}){_AFTER}"
)
# "Martin, welcome to Talk Python To Me": the person addressed is the next voice.
_ADDRESSED = re.compile(
    rf"(?:^|[.!?]\s+)(?P<name>{_NAME}), (?:welcome|great to have you|thanks for joining)\b"
)
# Capitalised words that are no name, after "I'm" and the like.
_NOT_WORDS = (
    "a an the and but or so just not really very pretty quite super also still sure glad happy "
    "excited thrilled delighted honored honoured here there back going gonna looking talking "
    "trying sorry fine good great okay ok yes yeah no well like actually totally definitely "
    "always never now today this that it i we you they he she my our your his her their welcome "
    "hello hi hey thanks thank joined joining with in on at from for of to by as curious afraid "
    "aware convinced certain done ready new old one two talk podcast show episode part tonight "
    "everyone everybody folks guys "
    # Words of a passage addressed to the summarizer ("I'm Ignore Previous Instructions"): no name.
    "ignore disregard previous prior instructions instruction system assistant summarizer summary prompt"
)
_NOT_NAMES = frozenset(_NOT_WORDS.split())
_CONTRACTION = re.compile(r"['’](?:re|s|ll|ve|d|m|t)$", re.IGNORECASE)
# A single word needs a strong cue: "my name is Jane", "Jane here", a tag's first name, or this after it.
_SELF_CONTINUES = re.compile(
    r"^(?:,? (?:and )?(?:I'm |I am )?your host|,? and (?:I'm|I am|this is|with me|joining)|,? here with)"
)


@dataclass(frozen=True)
class _Claim:
    label: str
    name: str
    source: str  # "self-introduction" or "introduced by another speaker"
    at: float
    role: str | None


@dataclass
class SpeakerNaming:
    """The names found for an episode's voices: apply them to its transcript, list them in provenance."""

    names: dict[str, str] = field(default_factory=dict)  # generic label -> name
    speakers: list[SpeakerName] = field(default_factory=list)

    def apply(self, transcript: Transcript) -> Transcript:
        """The transcript with each named label replaced by its name (nothing else changes)."""
        if not self.names:
            return transcript
        segments = [
            s.model_copy(update={"speaker": self.names[s.speaker]}) if s.speaker in self.names else s
            for s in transcript.segments
        ]
        return transcript.model_copy(update={"segments": segments})

    def role_of(self, name: str) -> str | None:
        return next((s.role for s in self.speakers if s.name == name and s.label is not None), None)


def episode_cast(feed: Feed, episode: Episode) -> list[Person]:
    """Who the feed says is heard: the item's cast, or the channel's when the item names none."""
    persons = episode.persons or feed.persons
    return [p for p in persons if p.speaks]


def is_generic_label(label: str) -> bool:
    return _GENERIC.fullmatch(label.strip()) is not None


def name_speakers(transcript: Transcript, cast: Sequence[Person] = ()) -> SpeakerNaming:
    """Names for the transcript's voices, each with its source; generic labels named only when an
    introduction in the first minutes says so."""
    labels = list(dict.fromkeys(s.speaker for s in transcript.segments if s.speaker))
    generic = [label for label in labels if is_generic_label(label)]
    named = [label for label in labels if label not in generic]
    naming = SpeakerNaming()
    source = _label_source(transcript)
    for label in named:
        person = _tagged(label, cast)
        naming.speakers.append(
            SpeakerName(
                name=label,
                label=label,
                role=person.role if person else None,
                source=source,
                confirmed_by_tag=person is not None,
            )
        )
    if generic:
        claims = _claims(transcript.segments, set(generic), cast)
        for label, claim in _unambiguous(claims, taken={n.casefold() for n in named}).items():
            naming.names[label] = claim.name
            person = _tagged(claim.name, cast)
            naming.speakers.append(
                SpeakerName(
                    name=claim.name,
                    label=label,
                    role=(person.role if person else None) or claim.role,
                    source=claim.source,
                    at_seconds=claim.at,
                    confirmed_by_tag=person is not None,
                )
            )
    heard = {s.name.casefold() for s in naming.speakers}
    for person in cast:
        if person.name.casefold() not in heard:
            naming.speakers.append(
                SpeakerName(name=person.name, role=person.role, source="podcast:person tag")
            )
            heard.add(person.name.casefold())
    return naming


def _label_source(transcript: Transcript) -> str:
    kind = transcript.source.kind
    if kind is TranscriptSourceKind.PUBLISHER:
        return "publisher transcript"
    if kind is TranscriptSourceKind.DROPPED:
        return "dropped transcript"
    return "transcript label"


def _tagged(name: str, cast: Sequence[Person]) -> Person | None:
    """The cast member this name is: the same full name, or the only one with this first name."""
    folded = name.casefold()
    same = [p for p in cast if p.name.casefold() == folded]
    if same:
        return same[0]
    if " " in name:
        return None
    firsts = [p for p in cast if p.name.split()[0].casefold() == folded]
    return firsts[0] if len(firsts) == 1 else None


def _plausible(name: str, cue_is_strong: bool, cast: Sequence[Person]) -> bool:
    words = name.split()
    if len(name) > MAX_NAME_CHARS or any(w.casefold().strip(".") in _NOT_NAMES for w in words):
        return False
    if any(_CONTRACTION.search(w) for w in words):  # "We're here", "That's Jerod": no name
        return False
    return len(words) > 1 or cue_is_strong or _tagged(name, cast) is not None


def _canonical(name: str, cast: Sequence[Person]) -> str:
    person = _tagged(name, cast)
    return person.name if person else name


@dataclass(frozen=True)
class _Turn:
    """Consecutive segments of one voice as one text (a cue often ends mid-sentence: "My name is" /
    "Jane Doe"), with where each segment starts in it."""

    label: str
    text: str
    offsets: tuple[int, ...]
    starts: tuple[float, ...]

    def at(self, position: int) -> float:
        return self.starts[bisect.bisect_right(self.offsets, position) - 1]


def _turns(segments: Sequence[Segment], generic: set[str]) -> list[_Turn]:
    """The opening's turns of generic voices, up to the end of the window an answer may come in."""
    turns: list[_Turn] = []
    run: list[Segment] = []

    def close() -> None:
        if run:
            texts = [" ".join(s.text.split()) for s in run]
            offsets = tuple(sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts)))
            turns.append(_Turn(run[0].speaker or "", " ".join(texts), offsets, tuple(s.start for s in run)))
            run.clear()

    for segment in segments:
        if segment.start > INTRO_SECONDS + ANSWER_SECONDS:
            break
        if run and segment.speaker != run[-1].speaker:
            close()
        if segment.speaker in generic:
            run.append(segment)
    close()
    return turns


def _claims(segments: Sequence[Segment], generic: set[str], cast: Sequence[Person]) -> list[_Claim]:
    claims: list[_Claim] = []
    pending: list[tuple[str, str, float, str | None]] = []  # (name, introducer, at, role)
    for turn in _turns(segments, generic):
        start = turn.starts[0]
        # The first other voice to speak after an introduction is the one introduced.
        waiting = []
        for name, introducer, at, role in pending:
            if start - at > ANSWER_SECONDS:
                continue
            if turn.label != introducer:
                claims.append(_Claim(turn.label, name, "introduced by another speaker", at, role))
            else:
                waiting.append((name, introducer, at, role))
        pending = waiting
        if start > INTRO_SECONDS:
            continue
        for name, role, position in _self_names(turn.text, cast):
            if turn.at(position) <= INTRO_SECONDS:
                claims.append(_Claim(turn.label, name, "self-introduction", turn.at(position), role))
        for name, role, position in _introduced_names(turn.text, cast):
            if turn.at(position) <= INTRO_SECONDS:
                pending.append((name, turn.label, turn.at(position), role))
    return claims


def _self_names(text: str, cast: Sequence[Person]) -> list[tuple[str, str | None, int]]:
    """(name, role, where in the text) for each self-introduction."""
    found: list[tuple[str, str | None, int]] = []
    for match in _SELF.finditer(text):
        name = match.group("name")
        cue = match.group(0)
        strong = "name is" in cue or "host" in cue or bool(_SELF_CONTINUES.match(text[match.end() :]))
        if _plausible(name, strong, cast):
            found.append((_canonical(name, cast), "host" if "host" in cue else None, match.start()))
    for match in _HERE.finditer(text):
        if _plausible(match.group("name"), True, cast):
            found.append((_canonical(match.group("name"), cast), None, match.start("name")))
    return found


def _introduced_names(text: str, cast: Sequence[Person]) -> list[tuple[str, str | None, int]]:
    """(name, role, where in the text) for each introduction of another voice."""
    found: list[tuple[str, str | None, int]] = []
    for pattern in (_OTHER, _ADDRESSED):
        for match in pattern.finditer(text):
            name, cue = match.group("name"), match.group(0).casefold()
            if _plausible(name, True, cast):
                role = "host" if "host" in cue else "guest"
                found.append((_canonical(name, cast), role, match.start()))
    return found


def _unambiguous(claims: Sequence[_Claim], taken: set[str]) -> dict[str, _Claim]:
    """One name per voice and one voice per name; a voice claimed for two names, or a name claimed
    by two voices, stays unnamed. "Jane" and "Jane Doe" for one voice are one name (the longer)."""
    by_label: dict[str, list[_Claim]] = {}
    for claim in claims:
        by_label.setdefault(claim.label, []).append(claim)
    chosen: dict[str, _Claim] = {}
    for label, said in by_label.items():
        longest = max(said, key=lambda c: len(c.name))
        if all(_same_person(c.name, longest.name) for c in said):
            # Self-introduction first (the voice's own word), then the earliest.
            best = min(said, key=lambda c: (c.source != "self-introduction", c.at))
            chosen[label] = _Claim(label, longest.name, best.source, best.at, best.role or longest.role)
    names = [c.name.casefold() for c in chosen.values()]
    return {
        label: claim
        for label, claim in chosen.items()
        if names.count(claim.name.casefold()) == 1 and claim.name.casefold() not in taken
    }


def _same_person(name: str, fuller: str) -> bool:
    a, b = name.casefold().split(), fuller.casefold().split()
    return a == b[: len(a)]
