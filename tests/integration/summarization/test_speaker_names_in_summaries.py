"""Names the episode gives its voices reach both summarizers (parts, quote, prompts) and the summary's
provenance; a voice no one introduced, or a name only the feed gives, is never attributed."""

import re

import pytest

from podcast_digest.models import Person, TranscriptSource, TranscriptSourceKind
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.llm.prompts import NAMES_RULE
from podcast_digest.summarization.talk import summarize_talk
from tests.integration.summarization.llm_support import corpus_transcript, episode, feed, summarizer
from tests.support.chat_server import ChatServer

pytestmark = pytest.mark.corpus

TRUTH = {
    "Daniel Whitenack": "Speaker 1",
    "Chris Benson": "Speaker 2",
    "Jerod Santo": "Speaker 3",
    "Adam Stacoviak": "Speaker 4",
}


def diarized_practical_ai():
    """Practical AI #100 as a diarizing engine would label it: "Speaker 1"…"Speaker 4"."""
    transcript = corpus_transcript("practical-ai-100")
    segments = [s.model_copy(update={"speaker": TRUTH[s.speaker or ""]}) for s in transcript.segments]
    source = TranscriptSource(kind=TranscriptSourceKind.SPEECH_TO_TEXT, engine="amazon-transcribe")
    return transcript.model_copy(update={"segments": segments, "source": source})


def practical_ai_episode():
    # The item's cast names Jerod too, but nothing in the talk says which voice is his.
    return episode("Practical AI 100").model_copy(
        update={
            "persons": [
                Person(name="Daniel Whitenack", role="host"),
                Person(name="Chris Benson", role="host"),
                Person(name="Jerod Santo", role="guest"),
            ]
        }
    )


def test_the_offline_summary_names_the_introduced_voices_and_keeps_their_sources():
    summary = summarize_talk(ExtractiveSummarizer(), feed(), practical_ai_episode(), diarized_practical_ai())
    sources = {(s.name, s.label): s for s in summary.provenance.speakers}
    daniel = sources["Daniel Whitenack", "Speaker 1"]
    assert (daniel.source, daniel.at_seconds, daniel.confirmed_by_tag) == ("self-introduction", 0.0, True)
    assert sources["Chris Benson", "Speaker 2"].source == "introduced by another speaker"
    jerod = sources["Jerod Santo", None]  # named by the feed, matched to no voice
    assert jerod.source == "podcast:person tag"
    assert not any(s.label == "Speaker 3" for s in summary.provenance.speakers)
    quote = summary.favorite_quote
    assert quote is not None
    # The quote's speaker is the voice's true name or its label: never a guessed one.
    if quote.speaker in TRUTH:
        assert quote.speaker in ("Daniel Whitenack", "Chris Benson")
    else:
        assert quote.speaker in ("Speaker 3", "Speaker 4")
    # Nothing the summary shows calls the unintroduced voices by a name.
    shown = summary.model_dump_json(exclude={"provenance"})
    assert "Speaker 1" not in shown
    assert "Speaker 2" not in shown


def test_the_llm_is_told_the_names_the_roles_the_unnamed_and_the_feeds_unmatched_cast():
    with ChatServer() as server:
        summary = summarize_talk(summarizer(server), feed(), practical_ai_episode(), diarized_practical_ai())
        calls = server.completed()
    for call in calls:
        speakers = re.search(r"<<<SPEAKERS (\w+)>>>\n(.*?)\n<<<END SPEAKERS", call.request_text, re.S)
        assert speakers
        said = speakers.group(2)
        assert "Daniel Whitenack (host)" in said
        assert "Chris Benson (host)" in said
        assert "Speaker 3 (" in said
        assert ", unnamed)" in said
        assert "Jerod Santo (guest, named by the feed, no voice matched)" in said
        assert NAMES_RULE in call.request_text
        # The transcript lines carry the names; the unintroduced keep their labels.
        if call.schema == "section_notes":
            assert "] Daniel Whitenack:" in call.request_text
            assert "] Speaker 1:" not in call.request_text
    assert {s.name for s in summary.provenance.speakers if s.label} == {"Daniel Whitenack", "Chris Benson"}


def test_a_publisher_transcript_says_nothing_of_unnamed_voices_and_pays_no_tokens_for_it():
    transcript = corpus_transcript("practical-ai-100")
    with ChatServer() as server:
        summary = summarize_talk(summarizer(server), feed(), episode("Practical AI 100"), transcript)
        assert all(NAMES_RULE not in c.request_text for c in server.completed())
    assert {s.source for s in summary.provenance.speakers} == {"publisher transcript"}
    assert {s.name for s in summary.provenance.speakers} == set(TRUTH)
