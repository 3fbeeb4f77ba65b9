"""Sentence ends recovered in captions written without punctuation (extractive/caption_sentences.py).

The talk is Talk Python #386's own captions after minute 20, where the engine stopped punctuating.
"""

import dataclasses

import pytest

from podcast_digest.models import Episode, Feed, Segment, Transcript
from podcast_digest.models.transcript import TranscriptSource, TranscriptSourceKind
from podcast_digest.summarization.extractive.caption_sentences import (
    GUESSED,
    RECOVERED,
    recovered_pieces,
)
from podcast_digest.summarization.extractive.gate import is_candidate, is_readable, trimmed
from podcast_digest.summarization.extractive.sentences import TranscriptSentence, split_section
from podcast_digest.summarization.extractive.summarizer import _Run
from podcast_digest.summarization.quality_captions import ends_on_a_dangling_word
from podcast_digest.summarization.sections import TranscriptSection, split_sections
from podcast_digest.transcription.publisher import parse_transcript
from tests.support.corpus import corpus_path

UNICAST = (
    "but the default mode is called unicast and that means that the change is only propagated to the "
    "current client which is I see okay yeah that makes a lot of sense"
)
SENTRY = (
    "this portion of talk Python is brought to you by Sentry how would you like to remove a little "
    "stress from your life do you worry that users may be encountering errors slowdowns or crashes with "
    "your app right now"
)


def _pieces(text: str, pauses: set[int] | None = None) -> list[str]:
    return [text[p.start : p.end].strip() for p in recovered_pieces(text, 0, len(text), pauses or set())]


def _section(*texts: str, gap: float = 0.0, speakers: tuple[str | None, ...] = ()) -> TranscriptSection:
    segments, at = [], 0.0
    for n, text in enumerate(texts):
        length = len(text.split()) * 0.3
        speaker = speakers[n] if speakers else None
        segments.append(Segment(start=at, end=at + length, text=text, speaker=speaker))
        at += length + gap
    return TranscriptSection(index=0, start=0.0, end=at, segments=segments)


def test_a_phrase_is_never_split_and_an_answer_that_cuts_in_is_its_own_sentence() -> None:
    pieces = _pieces(UNICAST)
    assert not any(p.startswith("to the current client") for p in pieces)
    assert any("the change is only propagated to the current client" in p for p in pieces)
    assert "I see" in pieces  # the host's answer cuts the guest's clause off
    assert pieces[-1] == "okay yeah that makes a lot of sense"  # "okay yeah" is one answer, not two


def test_a_listeners_praise_between_turns_is_its_own_piece_and_praise_inside_a_clause_is_not() -> None:
    # Talk Python #386 at 58:20 and 1:02:45, where the host's "cool" ran on into the guest's clause.
    pieces = _pieces("I prefer VS Code because I need to jump between multiple languages cool got it and")
    assert pieces[0] == "I prefer VS Code because I need to jump between multiple languages"
    assert pieces[1] == "cool got it"
    pieces = _pieces("they might be eligible for swag or t-shirt cool and it is October recording")
    assert pieces[0] == "they might be eligible for swag or t-shirt"
    # An adjective is never cut off: after a word that qualifies it, before its noun, or leaving it open.
    for said in (
        "that's a pretty cool little hello world",
        "it looks like a cool framework not exactly",
        "those are really nice looking widgets",
        "well cool okay",
    ):
        assert not any(p.split()[0] in ("cool", "nice") for p in _pieces(said)), said


def test_a_question_opener_after_a_finished_clause_starts_a_sentence() -> None:
    pieces = _pieces(SENTRY)
    assert pieces[0] == "this portion of talk Python is brought to you by Sentry"
    assert pieces[1] == "how would you like to remove a little stress from your life"
    assert pieces[2].startswith("do you worry that users may be encountering errors")


def test_an_opener_after_a_word_that_leaves_the_phrase_open_is_no_boundary() -> None:
    # "so" after "is": the phrase is unfinished ("the architecture is | so you have…" is no sentence end).
    text = "the architecture is so you have a Wave server and you have Wave applications"
    pieces = _pieces(text)
    assert pieces[0].startswith("the architecture is so you have a Wave server")
    assert not any(p.startswith("so you") for p in pieces)


def test_a_tag_that_closes_a_clause_ends_the_sentence_before_a_new_clause() -> None:
    text = (
        "only software engineers could build them not the data scientists right so for example with Streamlit"
    )
    assert _pieces(text)[1] == "so for example with Streamlit"
    # "right now" is no tag: the clause goes on.
    assert len(_pieces("you're clicking through the gallery right now but this is in the browser")) == 1


def test_exactly_inside_a_clause_is_an_adverb_and_before_a_clause_an_answer() -> None:
    said = "one of our product managers went ahead and built a wave app that did exactly that listed all the people"
    assert not any(p.startswith("exactly") for p in _pieces(said))
    answer = "it keeps an open web socket with the browser exactly and that's why the updates are so small"
    assert "exactly and that's why the updates are so small" in _pieces(answer)


def test_a_recovered_question_is_known_for_one_and_never_an_idea() -> None:
    talk = (
        " ".join([UNICAST, SENTRY] * 3) + " okay do you have a video player not yet but it should land soon"
    )
    sentences = split_section(_section(talk))
    asked = [s for s in sentences if s.clean.startswith(("Do you have a video player", "How would you like"))]
    assert len(asked) == 4
    for sentence in asked:
        assert sentence.is_question
        assert not is_candidate(sentence, trimmed(sentence.clean))
    told = next(s for s in sentences if "this portion of talk Python" in s.clean)
    assert not told.is_question


def test_a_pause_between_cues_ends_a_sentence_unless_a_phrase_is_open() -> None:
    text = "you write these Wave applications in Python the server itself is written in Go"
    pause = text.index("the server")
    assert _pieces(text, {pause})[0] == "you write these Wave applications in Python"
    open_phrase = "you write these Wave applications in the Python server itself"
    assert len(_pieces(open_phrase, {open_phrase.index("Python server")})) == 1  # "in the | Python"


def test_a_long_piece_is_cut_where_no_phrase_is_open_and_the_cut_is_marked_guessed() -> None:
    text = " ".join(
        ["the subsequent updates will only contain changes in the form of dictionary values for the network"]
        * 6
    )
    pieces = recovered_pieces(text, 0, len(text), set(), opens=RECOVERED, closes=RECOVERED)
    assert len(pieces) > 2
    assert all(p.closes == GUESSED for p in pieces[:-1])
    for piece in pieces[:-1]:
        assert text[: piece.end].split()[-1] not in {"the", "of", "in", "for", "will", "only"}
        assert len(text[piece.start : piece.end].split()) <= 30


def test_unpunctuated_captions_give_sentences_whose_ends_say_how_they_were_found() -> None:
    talk = " ".join([UNICAST, SENTRY] * 4)  # a run long enough to count as unpunctuated talk
    words = talk.split()
    section = _section(*(" ".join(words[i : i + 12]) for i in range(0, len(words), 12)))
    sentences = split_section(section)
    assert all(not s.punctuated for s in sentences)
    kinds = {s.boundary for s in sentences}
    assert kinds <= {RECOVERED, GUESSED}
    assert RECOVERED in kinds
    assert "How would you like to remove a little stress from your life?" in [s.clean for s in sentences]


def test_a_change_of_speaker_is_a_recovered_boundary() -> None:
    guest = " ".join(["we support arbitrary JavaScript as well you just include your script"] * 6)
    host = " ".join(["yeah that makes a lot of sense the Wave server keeps an open web socket"] * 5)
    sentences = split_section(_section(guest, host, speakers=("Martin", "Michael")))
    first_of_host = next(s for s in sentences if s.speaker == "Michael")
    assert first_of_host.boundary == RECOVERED


def test_punctuated_talk_is_split_exactly_as_before() -> None:
    section = _section(
        "Also, maybe talk through some of the widgets. There's several hundred widgets that you can use.",
        "But let's start with going through the tutorial.",
    )
    sentences = split_section(section)
    assert [s.raw for s in sentences] == [
        "Also, maybe talk through some of the widgets.",
        "There's several hundred widgets that you can use.",
        "But let's start with going through the tutorial.",
    ]
    assert {s.boundary for s in sentences} == {"punctuation"}


def test_talk_in_another_language_keeps_the_fixed_length_cut() -> None:
    spanish = " ".join(
        ["el modo por defecto se llama unicast y eso significa que el cambio solo se propaga al cliente"] * 5
    )
    sentences = split_section(_section(spanish))
    assert {s.boundary for s in sentences} == {"length"}


def test_the_gate_refuses_a_piece_of_captions_ending_on_a_dangling_word() -> None:
    # A part's edge falls where the captions' cue did, mid-sentence: "…you just include your script as".
    talk = (
        " ".join([UNICAST, SENTRY] * 3)
        + " okay so we support arbitrary JavaScript as well you just include your script as"
    )
    sentences = split_section(_section(talk))
    last = sentences[-1]
    assert last.clean.endswith("include your script as"), [s.clean for s in sentences]
    assert last.dangles
    assert last.boundary == GUESSED
    assert not is_candidate(last, trimmed(last.clean))
    assert not is_readable(last, trimmed(last.clean))
    whole = next(
        s for s in sentences if s.clean == "How would you like to remove a little stress from your life?"
    )
    assert not whole.dangles


@pytest.mark.parametrize(
    ("statement", "dangles"),
    [
        ("We support arbitrary JavaScript as well you just include your script as.", True),
        ("A fragment of HTML that'll go into the.", True),
        ("Can be built but especially if you're talking about businesses 80% of the apps that they.", True),
        ("That's a great server for this kind of code.", False),
        ("It is not clear where it comes from.", False),  # a stranded preposition is English
        ("There's just a big capability gap for a while.", False),  # after "a", "while" is a span of time
        ("Push the limits while.", True),
    ],
)
def test_the_run_on_metric_flags_statements_ending_on_a_dangling_word(statement: str, dangles: bool) -> None:
    assert ends_on_a_dangling_word(statement) is dangles


@pytest.mark.parametrize("name", ["talkpython__386-h2o-wave.vtt", "talkpython__386-h2o-wave.txt"])
def test_the_unpunctuated_half_of_talk_python_gives_recovered_sentences(name: str) -> None:
    path = corpus_path("transcripts", name)
    transcript = parse_transcript(path.read_bytes(), hint=name, episode_id=path.stem)
    late = [s for s in transcript.segments if s.start >= 1990]
    section = TranscriptSection(index=0, start=late[0].start, end=late[-1].end, segments=late[:40])
    sentences = split_section(section)
    raws = [s.raw for s in sentences]
    assert not any(r.startswith("to the current client") for r in raws)
    assert "how would you like to remove a little stress from your life" in raws
    assert sum(s.boundary == RECOVERED for s in sentences) >= len(sentences) // 4


def _run_on(talk: str) -> _Run:
    words = talk.split()
    segments = [
        Segment(start=i * 0.4, end=i * 0.4 + 4.8, text=" ".join(words[i : i + 12]))
        for i in range(0, len(words), 12)
    ]
    section = TranscriptSection(index=0, start=0.0, end=segments[-1].end, segments=segments)
    feed = Feed(feed_id="f", url="https://podcast.example/feed.xml", title="Talk Python To Me")
    episode = Episode(episode_id="e", feed_id="f", title="Realtime web apps", description="")
    source = TranscriptSource(kind=TranscriptSourceKind.PUBLISHER)
    return _Run(feed, episode, Transcript(segments=segments, language="en", source=source), [section])


def test_a_sentence_whose_both_ends_were_recovered_may_teach_a_lesson_and_a_guessed_one_may_not() -> None:
    filler = (
        "yeah that makes a lot of sense the Wave server keeps an open web socket connection with the "
        "browser and sends only the changes to every client that is connected to it right now"
    )
    claim = (
        "okay so async and await really allows you to create scalable code because a single process "
        "can serve thousands of browser tabs while each one waits on the network"
    )
    run = _run_on(" ".join([filler, claim, filler, filler]))
    i = next(n for n, s in enumerate(run.sentences) if "async and await" in s.raw)
    assert run.sentences[i].boundary == RECOVERED
    assert not run.sentences[i].punctuated
    found = run._lesson(i, set(), lambda j: True)
    assert found is not None
    assert found[0].title == "Async and await really allows you to create scalable code"
    run.sentences[i] = dataclasses.replace(run.sentences[i], boundary=GUESSED)
    run._titles.clear()
    assert run._lesson(i, set(), lambda j: True) is None  # where a guessed piece ends is not to be trusted


@pytest.mark.parametrize("name", ["changelog__practical-ai-100.md", "changelog__the-changelog-594.md"])
def test_punctuated_corpus_transcripts_never_take_the_recovery_path(name: str) -> None:
    path = corpus_path("transcripts", name)
    transcript = parse_transcript(path.read_bytes(), hint=name, episode_id=path.stem)
    kinds = set()
    for section in split_sections(transcript):
        kinds |= {s.boundary for s in split_section(section)}
    assert kinds <= {"punctuation", "length"}


def _cut(clean: str, boundary: str = RECOVERED) -> TranscriptSentence:
    return TranscriptSentence(
        raw=clean,
        clean=clean,
        start=0.0,
        speaker=None,
        section=0,
        position=0,
        punctuated=False,
        boundary=boundary,
    )


@pytest.mark.parametrize(
    "clean",
    [
        # Talk Python #386 after the merges: a clause begun after "but"/"because"/"whereas" and never said.
        "You can use HTML and other templating languages but mostly.",
        "Wave app lets you add interactivity because with wave script.",
        "Django requires you to know HTML and CSS and JavaScript whereas we don't but at the people side.",
        "Everybody should see the same dashboard because the data is always the same but with wave apps.",
        "We usually tend to think about using your custom HTML as escape page and instead.",
    ],
)
def test_unpunctuated_talk_cut_before_its_last_clause_dangles(clean: str) -> None:
    assert _cut(clean).dangles
    assert not is_candidate(_cut(clean), clean)


@pytest.mark.parametrize(
    "clean",
    [
        "Wave server keeps an open connection because the browser needs every change.",
        "We built it for data scientists and engineers.",
        "It was slow because of the network.",
        "You can use HTML but we give you Python APIs instead.",
    ],
)
def test_a_last_clause_that_is_said_does_not_dangle(clean: str) -> None:
    assert not _cut(clean).dangles


def test_punctuated_talk_is_never_judged_this_way() -> None:
    assert not _cut("You can use HTML and other templating languages but mostly.", "punctuation").dangles


def test_exactly_before_a_listeners_praise_is_the_other_speakers_answer() -> None:
    # Talk Python #386 at 38:29: the host's "exactly cool" was left on the guest's "…other stuff there".
    said = "it'd be better to change that plot but leave all the other stuff there exactly cool let's talk the last thing"
    pieces = _pieces(said)
    assert pieces[0] == "it'd be better to change that plot but leave all the other stuff there"
    assert pieces[1].startswith("exactly cool")
    # Before a noun, "exactly" and "cool" both stay inside the clause.
    assert len(_pieces("the team built exactly cool things for the dashboard people")) == 1


def test_a_determiner_after_the_tag_right_opens_a_new_piece() -> None:
    # Talk Python #386 at 24:12: "…on the wave server right these multiple scripts or multiple apps".
    said = (
        "you can have multiple ones of these running on the wave server right these multiple scripts or apps"
    )
    pieces = _pieces(said)
    assert pieces[0].startswith("you can have multiple ones of these running on the wave server")
    assert pieces[1] == "these multiple scripts or apps"
    # "exactly these" is an adverb, and "the right" or "all right" is no tag.
    for said in (
        "we did the steps in the tutorial exactly these ones with the widgets",
        "you pick the right these days with all the widgets",
    ):
        assert len(_pieces(said)) == 1, said


def test_lets_see_opens_a_new_piece_and_lets_say_does_not() -> None:
    # Talk Python #386 at 47:41: the guest thinking aloud before moving on.
    said = "there's a couple for how markdown gets applied and used let's see another thing you told me"
    pieces = _pieces(said)
    assert pieces[0] == "there's a couple for how markdown gets applied and used"
    assert pieces[1].startswith("let's see another thing")
    # "let's say" is said inside a clause ("…has most features let's say most widgets").
    assert len(_pieces("the biggest one is that wave has most features let's say most widgets to use")) == 1
