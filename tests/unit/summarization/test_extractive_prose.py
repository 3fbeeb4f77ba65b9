"""The offline summary's prose (issue 13, second pass), each defect on the text the issue quotes."""

import pytest

from podcast_digest.models import Episode, Feed, Segment, Transcript, TranscriptSource, TranscriptSourceKind
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.extractive.clickbait import promises, title_claim, verdict
from podcast_digest.summarization.extractive.gate import is_candidate, is_chatter, trimmed
from podcast_digest.summarization.extractive.lesson_claims import spoken_claim
from podcast_digest.summarization.extractive.lessons import is_hollow_title, rest_after_title
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.extractive.topics import is_topic
from podcast_digest.summarization.extractive.vocabulary import ENGLISH_STOP_WORDS_PLUS
from podcast_digest.summarization.quality import score_summary, title_echoes
from tests.unit.summarization.episode_text import episode_transcript, feed_and_episode


@pytest.mark.parametrize(
    "title",
    [
        "Those are certainly the biggest two right there",
        "We have these things happening",
        "It's something I do think about that idea",
        "There was stuff just coming out every day",
        "By the time it hits my plate",
        "Once that, look for the cheapest model that you can find",
        "When we realized this, a kind of general attempt",
        "We hear that to some degree",
        "The vision I think is that it understands you",
        "The interesting thing about the Phi models is",
        "Are used to train these large models",
    ],
)
def test_a_title_that_points_instead_of_claiming_is_hollow(title):
    assert is_hollow_title(title)


@pytest.mark.parametrize(
    "title",
    [
        "Long context lengths are undervalued",
        "In-context learning can outperform human experts",
        "For startups, rent servers before you buy your own hardware",
        "Owning hardware pays off at scale",
        "Keep the deployment package small",
    ],
)
def test_a_title_that_claims_something_is_not_hollow(title):
    assert not is_hollow_title(title)


def test_a_hollow_opening_clause_gives_no_claim_title():
    assert (
        claim_title_of("Those are certainly the biggest two right there, and in terms of commercialization.")
        == ""
    )
    assert (
        claim_title_of("We have these things happening, and I think it's just a result of the economy.") == ""
    )
    assert claim_title_of("Metrics like error rate, duration and throttles belong on one dashboard.") == ""


def test_the_explanation_is_what_the_sentence_says_after_its_title():
    assert (
        rest_after_title(
            "Owning hardware pays off at scale, because the cloud margin is huge.",
            "Owning hardware pays off at scale",
        )
        == "The cloud margin is huge."
    )
    # The purpose an advice is given for explains it: "…to a datacenter | to be able to have the compute power".
    assert (
        rest_after_title(
            "You have to go off device to a datacenter to be able to have the compute power for it.",
            "Go off device to a datacenter",
        )
        == "To be able to have the compute power for it."
    )
    # A title cut to length mid-clause leaves no sentence behind it.
    assert (
        rest_after_title("Make some actions real quickly right without spending weeks", "Make some actions")
        == ""
    )
    # What cannot stand without the title is no explanation: "who engage…", "to be able to…".
    assert (
        rest_after_title(
            "The podcast is hosted by Adam, who engage with a variety of guests.",
            "The podcast is hosted by Adam",
        )
        == ""
    )


def _sentence(text: str) -> TranscriptSentence:
    return TranscriptSentence(raw=text, clean=text, start=0.0, speaker=None, section=0, position=0)


@pytest.mark.parametrize(
    "text",
    [
        "This is Daniel Whitenack, I am a data scientist with SIL International, and I'm joined by Chris.",
        "I'm Chris Benson and I'm here with Daniel Whitenack from SIL International.",
        "Thanks for having me on the show, it's great to be here with you both.",
        "Y'all have done 100 episodes, and I've been curious to ask you this for a while.",
        "What's funny though is the recorded date is April 20th, 2018; so we took a while.",
    ],
)
def test_self_introductions_thanks_and_talk_about_the_recording_are_no_content(text):
    assert is_chatter(text)
    assert not is_candidate(_sentence(text), trimmed(text))


@pytest.mark.parametrize(
    "text",
    [
        # The sentence split took the subject away.
        "Are used to train these large models that are then able to be fine-tuned for very mini-tasks.",
        # A word was removed before "There's" and the sentence runs on.
        "They pay pennies per ad, and so how much would you call There's almost no situation for a model.",
    ],
)
def test_broken_sentences_are_no_candidates(text):
    assert not is_candidate(_sentence(text), trimmed(text))


def test_a_statement_in_the_first_person_is_not_chatter():
    text = "I'm sure the cache is why the bill went down by half last quarter."
    assert not is_chatter(text)
    assert is_candidate(_sentence(text), trimmed(text))


@pytest.mark.parametrize(
    ("phrase", "topic"),
    [
        ("mentioned", False),
        ("information", False),
        ("create", False),
        ("recorded date", False),
        ("specifically highlighting AI", False),
        ("Gotten Thrown", False),
        ("Huge", False),
        ("Nooooo", False),
        ("speech recognition", True),
        ("cold starts", True),
        ("provisioned concurrency", True),
        ("GitHub Copilot", True),
        ("red teaming", True),
        ("agriculture", True),
    ],
)
def test_a_topic_is_a_noun_phrase_that_names_a_subject(phrase, topic):
    assert is_topic(phrase) is topic


def test_speakers_and_the_podcasts_own_name_are_no_promise():
    found = promises(
        "Microsoft is all-in on AI: Part 1",
        "Mark Russinovich, Eric Boyd and Neha Batra talk AI red teaming, Azure AI and GitHub Copilot.",
        ENGLISH_STOP_WORDS_PLUS,
        speakers=["Mark Russinovich", "Eric Boyd", "Neha Batra"],
        podcast="The Changelog",
    )
    # The title's claim is the title itself (less its "Part 1"): copied whole, it promises nothing new.
    assert found == ["AI red teaming", "Azure AI", "GitHub Copilot"]
    only_people = promises(
        "Daniel Whitenack and Chris Benson",
        "With Jerod Santo.",
        ENGLISH_STOP_WORDS_PLUS,
        speakers=["Daniel Whitenack", "Chris Benson", "Jerod Santo"],
    )
    assert only_people == []


def test_a_title_that_states_something_is_a_promise_whole_and_a_noun_phrase_title_is_not():
    assert title_claim("Microsoft is all-in on AI: Part 1") == "Microsoft is all-in on AI"
    assert title_claim("Realtime Web Apps and Dashboards with H2O Wave") == ""
    assert title_claim("Practical AI's 100th episode") == ""


def test_with_no_promise_but_names_quick_takes_says_there_is_nothing_to_judge():
    result = verdict([], ["speech recognition", "AI ethics"])
    assert not result.is_clickbait
    assert result.verdict.startswith("Nothing to judge")
    assert result.verdict.endswith("It covers speech recognition and AI ethics.")


@pytest.fixture(scope="module")
def hand_written():
    feed, episode = feed_and_episode()
    transcript = episode_transcript()
    return ExtractiveSummarizer().summarize(feed, episode, transcript), transcript


def test_the_tldr_is_three_to_five_statements_of_the_main_topics_in_order(hand_written):
    summary, transcript = hand_written
    quality = score_summary(summary, transcript)
    sentences = summary.tldr.split(". ")
    # A lead is built from the talk's structure (tldr_lead.py), left out when it would say again what
    # another part says; the statements after it are the talk's own lines.
    if sentences[0].startswith("The talk opens on "):
        sentences = sentences[1:]
    assert 3 <= len(sentences) <= 5
    assert quality.dangling_openings["tldr"] == 0
    assert quality.no_statements["tldr"] == 0
    positions = [transcript.text.index(s.rstrip(".")) for s in sentences]
    assert positions == sorted(positions)
    # One statement per main topic: the paragraph follows more than one part of the talk.
    parts = {(p // 800) for p in positions}
    assert len(parts) >= 2


def test_no_lesson_echoes_its_title_or_has_a_hollow_title(hand_written):
    summary, _ = hand_written
    lessons = summary.lessons + [lesson for part in summary.in_depth for lesson in part.lessons]
    assert lessons
    assert not any(title_echoes(x.title, x.explanation) for x in lessons)
    assert not any(is_hollow_title(x.title) for x in lessons)


def test_the_stutter_the_issue_quotes_makes_no_lesson():
    lines = [
        "Those are certainly the biggest two right there, and in terms of commercialization showing up all over.",
        "We have these things happening, and I think it's just a result of the economy, honestly.",
        "Computer vision models are fairly commoditized now, because every cloud sells them by the call.",
        "Speech recognition models got much better, because the training sets grew by orders of magnitude.",
        "Translation models are used in every phone now, and their quality surprised even the researchers.",
        "You should keep your own evaluation set, because the public benchmarks leak into training data.",
    ]
    segments = [
        Segment(start=20.0 * n, end=20.0 * n + 19, speaker="Chris Benson", text=line)
        for n, line in enumerate(lines)
    ]
    transcript = Transcript(segments=segments, source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER))
    feed = Feed(feed_id="f", url="https://podcast.example/feed.xml", title="Practical AI")
    episode = Episode(episode_id="e", feed_id="f", title="AI in practice", description="")
    summary = ExtractiveSummarizer().summarize(feed, episode, transcript)
    titles = [x.title for x in summary.lessons + [y for p in summary.in_depth for y in p.lessons]]
    assert not any(t.startswith(("Those are", "We have these")) for t in titles)
    assert all(not title_echoes(x.title, x.explanation) for x in summary.lessons)
    # The advice is kept, titled by itself and explained by its reason.
    kept = {x.title: x.explanation for x in summary.lessons}
    assert kept["Keep your own evaluation set"] == "The public benchmarks leak into training data."


def claim_title_of(text: str) -> str:
    """The title the summarizer gives a claim the sentence makes (lesson_claims.spoken_claim)."""
    return spoken_claim(text)[0]
