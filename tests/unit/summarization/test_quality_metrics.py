"""The quality counts the bench prints: each heuristic on the defects the issue quotes."""

import pytest

from podcast_digest.models import (
    ClickbaitVerdict,
    InDepthSection,
    KeyIdeaGroup,
    Lesson,
    Provenance,
    Segment,
    Summary,
    Transcript,
    TranscriptSource,
    TranscriptSourceKind,
)
from podcast_digest.summarization.quality import (
    fragment_reason,
    heading_supported,
    in_depth_coverage,
    same_statement,
    score_summary,
)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("we deployed a lot of Because talking about the cluster.", "gap left by a removed token"),
        (
            "Podcast players like Apple podcasts, Google podcasts,, overcast, support it.",
            "doubled punctuation",
        ),
        ("He focused it on Open AI and this new model that everyone's talking about...", "trails off"),
        ("Because we use a single thread to not block your UI.", "starts with a conjunction"),
        ("Or not post, but beyond deep learning era of AI.", "starts with a conjunction"),
        ("Hi Buzzsprout, Gillian here from breaking through careers podcast.", "no finite verb"),
        ("Long context lengths are crucial for future AI development.", None),
        ("For startups, rent servers before you buy them.", None),
        ("Models exhibit superhuman capabilities in tasks requiring extensive context.", None),
    ],
)
def test_fragments_are_told_from_whole_sentences(text, reason):
    assert fragment_reason(text) == reason


def test_a_sentence_repeated_word_for_word_or_nearly_is_a_repeat():
    a = "One model is the target, one models the attacker, and another model is the judge."
    assert same_statement(a, a) == (True, True)
    assert same_statement(a, "One model is the target and another model is the attacker and the judge.")[1]
    assert same_statement(a, "Sponsors pay for the show by the episode.") == (False, False)


def test_a_heading_is_supported_only_when_its_words_occur_in_its_bullets():
    bullets = ["Product-market fit comes before scale.", "Find product-market fit with ten customers first."]
    assert heading_supported("Product-market fit", bullets)
    assert not heading_supported("Automated testing and financial service", bullets)


def _transcript() -> Transcript:
    segments = [
        Segment(start=0, end=60, text="We talk about owning hardware at scale."),
        Segment(
            start=60,
            end=120,
            text="This episode is brought to you by Sentry. Use the code talkpython for two free months.",
        ),
        Segment(start=120, end=300, text="Public cloud is perfect for startups, but rent before you buy."),
    ]
    return Transcript(segments=segments, source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER))


def _summary(**parts) -> Summary:
    fields = {
        "episode_id": "e",
        "feed_id": "f",
        "quick_takes": ClickbaitVerdict(
            is_clickbait=False, verdict="Our analysis suggests it is not clickbait."
        ),
        "one_sentence_summary": "We talk about owning hardware at scale.",
        "tldr": "We talk about owning hardware at scale. Public cloud is perfect for startups.",
        "key_ideas": [KeyIdeaGroup(heading="Hardware", ideas=["Owning hardware pays off at scale."])],
        "lessons": [Lesson(title="Sentry", explanation="Use the code talkpython for two free months.")],
        "conclusion": "Rent before you buy.",
        "in_depth": [
            InDepthSection(
                start_seconds=0,
                end_seconds=120,
                heading="Owning hardware",
                key_ideas=["We talk about owning hardware at scale."],
                lessons_heading="Lessons on owning hardware",
                lessons=[],
            )
        ],
        "provenance": Provenance(transcript_source="test", summarizer="test"),
    }
    fields.update(parts)
    return Summary(**fields)


def test_a_summary_is_scored_part_by_part():
    quality = score_summary(_summary(), _transcript())
    assert quality.exact_repeats["tldr"] == 1  # the 1-sentence summary again
    assert quality.empty_groups["in_depth_lessons"] == 1  # a lessons heading over nothing
    assert quality.one_word_titles["lessons"] == 1
    assert quality.sponsor_text["lessons"] >= 1  # the promo code, and the sponsor's name as a title
    assert quality.unsupported_headings["key_ideas"] == 0
    assert quality.units["tldr"] == 2


def test_in_depth_coverage_leaves_sponsor_reads_out_of_the_talk_time():
    # In-Depth spans 0-120 s of 300 s, of which 60-120 s is the read: 60 of 240 s of talk.
    assert in_depth_coverage(_summary(), _transcript()) == pytest.approx(60 / 240)
