"""The quality counts the bench prints: each heuristic on the defects the issue quotes."""

import pytest

from podcast_digest.models import (
    ClickbaitVerdict,
    InDepthSection,
    KeyIdeaGroup,
    Lesson,
    PromiseCheck,
    Provenance,
    Segment,
    Summary,
    Transcript,
    TranscriptSource,
    TranscriptSourceKind,
)
from podcast_digest.summarization import quality as quality_module
from podcast_digest.summarization.quality import (
    fragment_reason,
    heading_supported,
    hollow_title,
    in_depth_coverage,
    is_chatter,
    non_topic,
    one_sentence_topics,
    same_statement,
    score_summary,
    title_echoes,
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
        # The Changelog #594: the speaker broke off a phrase and began again; a dash after a finished
        # phrase is an aside and leaves the sentence whole.
        ("There's a lot of - you process the prompt, and then you token-sample.", "restarts mid-phrase"),
        ("We have a lot of enterprise customers that - they don't have the volume.", "restarts mid-phrase"),
        ("DeepSpeed, this AI framework - it wouldn't work yesterday.", None),
        ("The old designs - they literally don't work.", None),
        (
            "If it looks like they were successful, then to shut off the output and make sure they can't do it.",
            "a subordinate clause alone",
        ),
        ("If you take a small set of data, to get a model good at that is close to impossible.", None),
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


# --- issue 13's prose: the defects quoted from the Practical AI #100 and Changelog 594 digests ---------


def test_a_lesson_whose_explanation_repeats_its_title_is_an_echo():
    # As the offline summary printed them before: title = the sentence's opening clause, explanation = all of it.
    assert title_echoes(
        "Those are certainly the biggest two right there",
        "Those are certainly the biggest two right there, and in terms of commercialization showing up.",
    )
    assert title_echoes("Go off device to a datacenter", "You have to go off device to a datacenter.")
    assert not title_echoes(
        "Owning hardware pays off at scale", "The cloud margin is huge once a fleet runs all day."
    )


def test_a_title_that_points_instead_of_claiming_is_hollow():
    for title in (
        "Those are certainly the biggest two right there",
        "We have these things happening",
        "It's something I do think about that idea",
        "There was stuff just coming out every day",
    ):
        assert hollow_title(title), title
    assert not hollow_title("Long context lengths are undervalued")
    assert not hollow_title("For startups, rent before you buy")


def test_an_empty_it_or_there_before_a_claim_is_no_pointer_and_empty_ones_stay_hollow():
    # Refined for the lessons2 pass: "there"/"it" that name nothing, with the claim after them.
    for title in (
        "There's no standardization yet",
        "It's hard to get to 100 episodes",
        "There's still a huge amount of open challenges",
        "There are no silver bullets in security",
        "There's been a real explosion around small language models",
    ):
        assert not hollow_title(title), title
    # What the metric was written for is still caught.
    for title in (
        "There's a lot of things",
        "It's interesting",
        "That's the thing",
        "There's something about podcasts",
        "It's a great tool",
        "There's no doubt",
        "It's hard to do that",
        "There's been lots of jailbreaks found",
    ):
        assert hollow_title(title), title


def test_topics_that_are_no_topic_are_counted():
    named = one_sentence_topics("Travis, Gilon and Sarah talk about mentioned, information and create.")
    assert named == ["mentioned", "information", "create"]
    assert all(non_topic(t) for t in named)
    assert non_topic("specifically highlighting AI")
    assert non_topic("Recorded Date")
    assert not any(non_topic(t) for t in ("speech recognition", "GitHub Copilot", "AI red teaming"))


def test_self_introductions_and_thanks_are_chatter():
    assert is_chatter("This is Daniel Whitenack, I am a data scientist with SIL International.")
    assert is_chatter("I'm Chris Benson and I'm here with Daniel Whitenack.")
    assert is_chatter("Thanks for having me, it's great to be here.")
    assert not is_chatter("I'm sure the cache is the reason the bill went down.")


def _speaking_transcript() -> Transcript:
    segments = [
        Segment(start=0, end=30, speaker="Daniel Whitenack", text="Welcome to Practical AI, I'm Daniel."),
        Segment(start=30, end=90, speaker="Chris Benson", text="We build dashboards in Python all day."),
    ]
    return Transcript(segments=segments, source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER))


def test_the_prose_counts_find_each_defect_where_a_listener_reads_it():
    summary = _summary(
        quick_takes=ClickbaitVerdict(
            is_clickbait=False,
            verdict="Our analysis suggests that the episode is not clickbait.",
            promises=[
                PromiseCheck(promise="Daniel Whitenack", delivered=True),  # a speaker, no promise
                PromiseCheck(promise="dashboards", delivered=True),  # a bare common word
                PromiseCheck(promise="Python", delivered=True),  # a name the talk spells as one: kept
                PromiseCheck(promise="AI red teaming", delivered=True),
            ],
        ),
        one_sentence_summary="Chris and Daniel talk about recorded date, speech recognition and information.",
        tldr="Owning hardware pays off at scale for big fleets. That is why they bought racks. "
        "Sponsors pay for the show by the episode.",
        lessons=[
            Lesson(
                title="We have these things happening",
                explanation="We have these things happening, and I think it's just the economy.",
            ),
            Lesson(
                title="For startups, rent servers before buying hardware",
                explanation="A young company's traffic is too small to keep its own racks busy.",
            ),
        ],
        key_ideas=[KeyIdeaGroup(heading="Huge", ideas=["This is Daniel Whitenack, I am a data scientist."])],
    )
    quality = score_summary(summary, _speaking_transcript())
    assert quality.title_echoes["lessons"] == 1
    assert quality.hollow_titles["lessons"] == 1
    assert quality.name_promises["quick_takes"] == 2
    assert quality.non_topics == {"one_sentence": 2, "key_ideas": 1}
    assert quality.chatter["key_ideas"] == 1
    assert quality.dangling_openings["tldr"] == 1  # "That is why…"
    assert quality.unthreaded["tldr"] == 1  # the sponsors sentence shares no word with the rest


def test_loose_ideas_are_replies_asides_feelings_and_filler():
    assert (
        quality_module.loose_reason("Those Uyghurs - they can't go out to some store.")
        == "dangling reference"
    )
    assert (
        quality_module.loose_reason("Of that, a lot of people are turning back to AGI.")
        == "dangling reference"
    )
    assert (
        quality_module.loose_reason("To me, I don't necessarily feel pigeon-holed.") == "first-person chatter"
    )
    assert quality_module.loose_reason("It's fine to dream a little.") == "filler"
    assert quality_module.loose_reason("GDPR is one thing that comes to mind in Europe.") is None


def test_strict_heading_support_counts_each_bullet_not_the_group():
    bullets = [
        "GDPR is one thing that comes to mind in Europe.",
        "Facial recognition is fairly commoditized.",
        "Speech recognition is used these days.",
    ]
    assert quality_module.bullets_saying_heading("Recognition", bullets) == 2
    # The old measure passes this group: one bullet saying the heading is enough for it.
    assert heading_supported("Recognition", bullets)
