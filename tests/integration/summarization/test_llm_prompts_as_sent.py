"""What the real openai client sends, read back from the local server's record of each request body:
the episode's context in every call, the schema's counts, a set temperature, the input-token budget,
and what the summary keeps of the answers (claims as lessons, facts not narration)."""

import re

import pytest

from podcast_digest.models import Chapter
from podcast_digest.models.summary import NOTHING_TO_JUDGE
from podcast_digest.summarization.llm.narration import is_narrated
from podcast_digest.summarization.llm.prompts import section_transcript
from podcast_digest.summarization.llm.summarizer import TEMPERATURE
from podcast_digest.summarization.sections import split_sections
from tests.integration.summarization.llm_support import (
    TITLES,
    corpus_transcript,
    episode,
    feed,
    summarizer,
)
from tests.support.chat_server import ChatServer, estimate_tokens

pytestmark = pytest.mark.corpus

NOTES = "<p>Mark Russinovich on red teaming AI models and what GitHub Copilot changed at Azure.</p>"


def fenced(call, label: str) -> str:
    token = re.search(r"<<<END LABEL ([0-9a-f]+)>>>", call.request_text).group(1)
    match = re.search(rf"<<<{label} {token}>>>\n(.*?)\n<<<END {label} {token}>>>", call.request_text, re.S)
    assert match, f"{label} not fenced in the request"
    return match.group(1)


@pytest.fixture(scope="module")
def changelog_run():
    transcript = corpus_transcript("changelog-594")
    chaptered = episode(TITLES["changelog-594"], NOTES).model_copy(
        update={
            "chapters": [
                Chapter(start_seconds=0, title="Start"),
                Chapter(start_seconds=3000, title="Copilot"),
            ]
        }
    )
    with ChatServer() as server:
        summary = summarizer(server).summarize(feed(), chaptered, transcript)
        return transcript, summary, list(server.completed())


def test_every_map_call_sees_podcast_title_show_notes_speakers_and_promises(changelog_run):
    _, _, calls = changelog_run
    maps = [c for c in calls if c.schema == "section_notes"]
    assert len(maps) >= 2
    for call in maps:
        assert fenced(call, "PODCAST") == "A Podcast"
        assert fenced(call, "EPISODE TITLE") == TITLES["changelog-594"]
        assert fenced(call, "SHOW NOTES").startswith("Mark Russinovich on red teaming")
        speakers = fenced(call, "SPEAKERS")
        assert "Mark Russinovich (guest)" in speakers
        assert "Jerod Santo (host)" in speakers
        assert fenced(call, "PROMISES").startswith("1. " + TITLES["changelog-594"])
    # A batch after the first is told the part before it (here: the publisher's chapter).
    later = [c for c in maps if "<<<PREVIOUS PART" in c.request_text]
    assert later
    assert all(fenced(c, "PREVIOUS PART") in ("Start", "Copilot") for c in later)


def test_the_reduce_sees_speakers_duration_and_the_promise_check(changelog_run):
    transcript, _, calls = changelog_run
    (reduce_call,) = [c for c in calls if c.schema == "episode_overview"]
    assert "Mark Russinovich (guest)" in fenced(reduce_call, "SPEAKERS")
    hours, rest = divmod(int(transcript.duration), 3600)
    assert f"Duration {hours}:{rest // 60:02d}:" in reduce_call.request_text
    assert "-> delivered in part" in fenced(reduce_call, "PROMISE CHECK")


def test_schemas_carry_the_counts_the_house_format_fixes_and_no_bold(changelog_run):
    _, _, calls = changelog_run
    (reduce_call,) = [c for c in calls if c.schema == "episode_overview"]
    overview = reduce_call.body["response_format"]["json_schema"]["schema"]
    assert overview["properties"]["key_ideas"]["minItems"] == 6
    assert overview["properties"]["key_ideas"]["maxItems"] == 10
    assert (overview["properties"]["lessons"]["minItems"], overview["properties"]["lessons"]["maxItems"]) == (
        10,
        25,
    )
    assert overview["$defs"]["IdeaGroup"]["properties"]["ideas"]["minItems"] == 3
    assert overview["$defs"]["IdeaGroup"]["properties"]["ideas"]["maxItems"] == 5
    notes = next(c for c in calls if c.schema == "section_notes").body["response_format"]["json_schema"][
        "schema"
    ]
    lessons = notes["$defs"]["SectionNotes"]["properties"]["lessons"]
    assert (lessons["minItems"], lessons["maxItems"]) == (2, 7)
    for call in calls:
        assert "bold" not in str(call.body).lower()


def test_every_call_sets_the_temperature(changelog_run):
    _, _, calls = changelog_run
    assert {c.body.get("temperature") for c in calls} == {TEMPERATURE}


def test_a_reasoning_model_is_sent_no_temperature():
    transcript = corpus_transcript("talkpython-vtt")
    short = transcript.model_copy(update={"segments": [s for s in transcript.segments if s.end <= 300]})
    with ChatServer() as server:
        summarizer(server, model="o4-mini").summarize(feed(), episode(), short)
        assert all("temperature" not in c.body for c in server.completed())


def test_input_tokens_stay_within_1_2_times_the_transcript_at_depth_2(changelog_run):
    transcript, summary, calls = changelog_run
    sections = split_sections(transcript, target_seconds=270.0, max_tokens=6000)
    transcript_tokens = estimate_tokens("\n".join(section_transcript(s) for s in sections))
    billed = sum(c.prompt_tokens for c in calls)  # what the server's usage reported, schema included
    assert summary.provenance.input_tokens == billed
    assert billed <= 1.2 * transcript_tokens, billed / transcript_tokens


def test_every_part_carries_two_to_seven_lessons_and_the_overview_picks_from_them(changelog_run):
    _, summary, _ = changelog_run
    assert all(2 <= len(s.lessons) <= 7 for s in summary.in_depth)
    pool = {(x.title, x.explanation) for s in summary.in_depth for x in s.lessons}
    assert 10 <= len(summary.lessons) <= 25
    assert all((x.title, x.explanation) in pool for x in summary.lessons)
    assert len({x.title for x in summary.lessons}) == len(summary.lessons)


def test_narrated_ideas_are_restated_as_facts_or_dropped():
    transcript = corpus_transcript("talkpython-vtt")
    short = transcript.model_copy(update={"segments": [s for s in transcript.segments if s.end <= 900]})
    with ChatServer(narrate=True) as server:
        summary = summarizer(server).summarize(feed(), episode(), short)
    ideas = [i for s in summary.in_depth for i in s.key_ideas] + [
        i for g in summary.key_ideas for i in g.ideas
    ]
    assert ideas
    assert not any(is_narrated(i) or i.lower().startswith(("the speaker", "the hosts")) for i in ideas)


def test_without_a_publisher_promise_quick_takes_says_there_is_nothing_to_judge():
    transcript = corpus_transcript("talkpython-vtt")
    short = transcript.model_copy(update={"segments": [s for s in transcript.segments if s.end <= 600]})
    dropped = episode("talkpython__386-h2o-wave").model_copy(update={"promise_known": False})
    with ChatServer() as server:
        summary = summarizer(server).summarize(feed(), dropped, short)
        calls = server.completed()
    assert summary.quick_takes.verdict == NOTHING_TO_JUDGE
    assert summary.quick_takes.is_clickbait is False
    assert summary.quick_takes.promises == []
    assert all("talkpython__386" not in c.request_text for c in calls)


@pytest.mark.parametrize("key", ["practical-ai-100", "talkpython-vtt"])
def test_an_hour_long_episode_stays_within_1_2_times_its_transcript(key):
    # An hour is where a fixed cost per call weighs most (it was 1.39-1.58x): one map call and a
    # reduce whose notes fit what is left of the budget.
    transcript = corpus_transcript(key)
    sections = split_sections(transcript, target_seconds=270.0, max_tokens=6000)
    transcript_tokens = estimate_tokens("\n".join(section_transcript(s) for s in sections))
    with ChatServer() as server:
        summary = summarizer(server).summarize(
            feed(), episode(TITLES.get(key, "An episode"), NOTES), transcript
        )
        billed = sum(c.prompt_tokens for c in server.completed())
        assert len(server.completed("section_notes")) == 1
    assert 0.9 <= transcript.duration / 3600 <= 1.3
    assert billed <= 1.2 * transcript_tokens, billed / transcript_tokens
    # Within budget, the overview still carries the format's counts.
    assert 10 <= len(summary.lessons) <= 25
    assert len({x.title for x in summary.lessons}) == len(summary.lessons)
    assert summary.favorite_quote is not None
    assert len(summary.favorite_quote.text) <= 400
