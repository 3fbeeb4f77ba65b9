"""Lesson titles are claims the speaker made, in the speaker's words (issue 13, lessons pass).

The sentences are what the corpus speakers say (Practical AI #100, The Changelog #594, Talk Python #386)
or what the issue quotes from the episode it scored.
"""

from dataclasses import replace

import pytest

from podcast_digest.models import Episode, Feed, Segment, Transcript, TranscriptSource, TranscriptSourceKind
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.extractive.lesson_claims import (
    advice_checked,
    claim_setting,
    explains_straight_after,
    lessons_for,
    plainly,
    spoken_claim,
    whole_as_shown,
)
from podcast_digest.summarization.extractive.lessons import is_hollow_title
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.quality import title_echoes, turned_title


def test_a_claim_after_a_pointer_clause_is_the_title():
    title, _ = spoken_claim("It's a tool, and any tool can be used for evil or good.")
    assert title == "Any tool can be used for evil or good"


def test_the_clause_a_but_concedes_is_never_the_title():
    # The speaker concludes the opposite of the first clause: neither half is a lesson.
    assert spoken_claim(
        "I think for startups, public cloud is perfect, but that doesn't mean that you have to make all the mistakes."
    ) == ("", "")
    assert spoken_claim("Jupyter is great, but it's not an end user technology.")[0] != "Jupyter is great"
    # The claim is what follows the "but".
    title, _ = spoken_claim(
        "Public cloud is perfect for startups, but owning hardware wins at massive scale."
    )
    assert title == "Owning hardware wins at massive scale"


def test_a_condition_is_kept_with_its_advice_and_the_reason_explains_it():
    assert spoken_claim("For startups, rent before you buy, because the margin is huge.") == (
        "For startups, rent before you buy",
        "The margin is huge.",
    )


def test_an_imperative_is_advice_only_with_a_reason():
    assert spoken_claim(
        "Set a timeout on every network call, because the default is often far too long."
    ) == (
        "Set a timeout on every network call",
        "The default is often far too long.",
    )
    # A demo's step and a host's ask are imperatives too, and no lessons.
    assert spoken_claim("Open up a tab for Datadog and ask the extension your question.")[0] == ""
    assert spoken_claim("Explain to me how GitHub Copilot works.")[0] == ""


def test_hedges_and_asides_go_where_the_sentence_stays_whole():
    assert spoken_claim(
        "I think that developers want to solve hard problems; they want to think deeply."
    ) == (
        "Developers want to solve hard problems",
        "They want to think deeply.",
    )
    assert plainly("We also haven't seen any, let's say, regular web application beyond these filters.") == (
        "We also haven't seen any regular web application beyond these filters."
    )
    # Where the aside sits between two phrases, one comma stays: the appositive is cut from the title.
    title, _ = spoken_claim(
        "The biggest differentiator is that H2O Wave has most features, let's say, most widgets."
    )
    assert title == "The biggest differentiator is that H2O Wave has most features"


def test_a_reason_said_before_so_explains_the_claim_after_it():
    sentence = "We're at this wonderful place where everything's new, and so all the low-hanging fruit hasn't been picked."
    assert spoken_claim(sentence)[0] == "All the low-hanging fruit hasn't been picked"
    assert claim_setting(sentence) == "We're at this wonderful place where everything's new."
    sentence = "They wrote an article about doing good data science, ethical data science allows better data science."
    assert claim_setting(sentence) == "They wrote an article about doing good data science."
    # A concession before the claim is no explanation of it.
    assert (
        claim_setting("People kind of know it, but the amount of failure in training is really high.") == ""
    )


def test_words_about_the_one_case_being_told_are_no_lesson():
    # "…and you have to learn this API to make a sphere" tells how it was before GPT-4, and advises nothing.
    sentence = (
        "And it's got an API, and you have to learn this API to make a sphere, and make a triangle on top."
    )
    assert advice_checked("Learn this API to make a sphere", sentence, from_lead=True) == ""
    assert spoken_claim("You can't run an enterprise service without those things.")[0] == ""
    # "Those kinds of" is no pointer.
    title, _ = spoken_claim(
        "In some scenarios, talking is just much faster to ask those kinds of questions than typing."
    )
    assert title.startswith("In some scenarios, talking is just much faster")
    # Cut from a longer clause: "…as any of | you never want to say anything's perfect".
    assert spoken_claim("Of you never want to say anything's perfect.")[0] == ""


@pytest.mark.parametrize(
    "sentence",
    [
        "Bring your family endeavors; it's not always just about work.",  # an aside to the listeners
        "If you're a listener and you're doing something cool, please let us know about that.",
        "The observability bill surprised us, it was bigger than the compute bill for a while.",  # a story
        "Those are certainly the biggest two right there, and in terms of commercialization.",
        "Metrics like error rate, duration and throttles belong on one dashboard.",  # a list, not a clause
        "How do we lower the barrier and make it easier with AI?",
    ],
)
def test_asides_stories_lists_and_questions_make_no_title(sentence):
    assert spoken_claim(sentence)[0] == ""


def test_advice_cut_inside_its_clause_is_refused():
    sentence = "We just have to make sure that application developers prepare for and expect for that."
    assert advice_checked("Application developers prepare for and expect", sentence, from_lead=True) == ""
    sentence = "You should keep the deployment package small, because every megabyte adds to the cold start."
    assert advice_checked("Keep the deployment package small", sentence, from_lead=True)


def test_the_top_count_scales_with_the_talk():
    assert lessons_for(69 * 60) == 12  # Practical AI #100
    assert lessons_for(60 * 60) == 10
    assert lessons_for(165 * 60) == 25  # The Changelog #594: the format's most
    assert lessons_for(13 * 60) == 5  # a short episode still may show five
    assert lessons_for(0) == 5


def _summary(lines: list[tuple[str, str]]):
    segments = [
        Segment(start=20.0 * n, end=20.0 * n + 19, speaker=speaker, text=text)
        for n, (speaker, text) in enumerate(lines)
    ]
    transcript = Transcript(segments=segments, source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER))
    feed = Feed(feed_id="f", url="https://podcast.example/feed.xml", title="Practical AI")
    episode = Episode(episode_id="e", feed_id="f", title="AI ethics in practice", description="")
    return ExtractiveSummarizer().summarize(feed, episode, transcript)


def test_a_short_sentence_said_straight_after_explains_the_claim():
    summary = _summary(
        [
            ("Daniel", "Governance frameworks for machine learning models keep appearing in every company."),
            ("Chris", "Everyone has their own approach to governance and their own solutions."),
            ("Chris", "There's no standardization yet."),
            ("Daniel", "Ethical data science reviews slow the first release of a model down a little."),
            ("Daniel", "Interpretability tools help teams explain the predictions of their models."),
            ("Chris", "Regulators in Europe ask for that kind of explanation before a model ships."),
        ]
    )
    lessons = {x.title: x.explanation for p in summary.in_depth for x in p.lessons}
    assert lessons["Everyone has their own approach to governance and their own solutions"] == (
        "There's no standardization yet."
    )
    assert not any(title_echoes(t, e) for t, e in lessons.items())
    # The sentence before shares one word ("models") with a claim: no explanation of it.
    assert "Interpretability tools help teams explain the predictions of their models" not in lessons


def test_a_lesson_is_never_explained_by_another_speaker():
    summary = _summary(
        [
            ("Daniel", "Governance frameworks for machine learning models keep appearing in every company."),
            ("Chris", "Everyone has their own approach to governance and their own solutions."),
            ("Daniel", "There's no standardization yet."),
            ("Daniel", "Interpretability tools help teams explain the predictions of their models."),
            ("Chris", "Regulators in Europe ask for that kind of explanation before a model ships."),
        ]
    )
    shown = summary.lessons + [x for p in summary.in_depth for x in p.lessons]
    assert all(x.explanation != "There's no standardization yet." for x in shown)


@pytest.mark.parametrize(
    ("title", "said", "turned"),
    [
        # The inverted lesson: the speaker denies it.
        (
            "Make all the mistakes",
            "I think for startups, public cloud is perfect, but that doesn't mean that you have to make all the "
            "mistakes.",
            True,
        ),
        ("Buy your own hardware", "Don't buy your own hardware for a startup.", True),
        ("Owning hardware pays off at scale", "You might think owning hardware pays off at scale.", True),
        (
            "Caching fixes every latency problem",
            "Caching fixes every latency problem, not necessarily.",
            True,
        ),
        ("How do we lower the barrier", "How do we lower the barrier?", True),
        (
            "For startups, rent before you buy",
            "For startups, rent before you buy, because the margin is huge.",
            False,
        ),
        ("Keep the package small", "I don't know, keep the package small.", False),
    ],
)
def test_the_turned_title_metric(title, said, turned):
    assert turned_title(title, said) is turned


def test_a_sentence_that_trailed_off_explains_with_what_is_shown_of_it():
    raw = (
        "So the bottom line is I think they'll get better, but there's still going to be the subtle bugs, and the "
        "big bugs that they're gonna have, that will force you to understand exactly what's going on..."
    )
    shown = "The bottom line is I think they'll get better, but there's still going to be the subtle bugs."
    said = TranscriptSentence(raw=raw, clean=raw, start=0.0, speaker="Mark", section=0, position=0)
    assert explains_straight_after(said, shown)
    assert whole_as_shown(said, shown)  # and may make a lesson itself
    assert (
        plainly(shown)
        == "The bottom line is they'll get better, but there's still going to be the subtle bugs."
    )
    # A turn to something else explains nothing, however whole.
    other = "Anyway, let's talk about the Windows Copilot runtime next."
    assert not explains_straight_after(replace(said, raw=other, clean=other), other)


def test_a_noun_and_its_relative_clause_explain_nothing():
    title, rest = spoken_claim(
        "The potential is so high for people who break into the industry, people who are learning."
    )
    assert title == "The potential is so high for people who break into the industry"
    assert rest == ""


def test_a_claim_of_up_to_fifteen_words_is_a_title():
    sentence = "Everyone should be thinking about what's automatable and what you can make happen by default."
    assert spoken_claim(sentence)[0] == sentence.rstrip(".")
    longer = "Python's data science and visualization capabilities are one of the reasons for its meteoric rise lately."
    assert spoken_claim(longer)[0] == ""


def test_advice_about_podcasting_is_not_taken_for_talk_about_this_show():
    # The podcastnamespace example is an episode about making podcasts: its advice names podcasts.
    title, _ = spoken_claim("The second thing that you need is a good hook for your podcast episode.")
    assert title == "The second thing that you need is a good hook for your podcast episode"
    assert (
        spoken_claim("The next episodes are released on a regular schedule, with the news brief on Mondays.")[
            0
        ]
        == ""
    )


# An "it" or "there" that points at nothing: the claim is in the words after it (lessons2 pass). The claims
# are what Practical AI #100 and The Changelog #594 say; the empty ones are what their speakers also say.
@pytest.mark.parametrize(
    "said",
    [
        "Everyone has their own approach to it, and there's no standardization yet.",
        "Doing podcasts is hard; it's hard to get to 100 episodes.",
        "There's still a huge amount of open challenges and open questions.",
        "There's less ambiguity in a call than in a chat.",
        "There's been a real explosion around small language models.",
    ],
)
def test_an_empty_subject_before_its_claim_makes_a_title(said):
    title, _ = spoken_claim(said)
    assert title.startswith(("There's", "It's")), title
    assert not is_hollow_title(title)


@pytest.mark.parametrize(
    "said",
    [
        "There's a lot of things going on in the field.",
        "It's interesting.",
        "That's the thing about the whole field of AI.",
        "There's something about podcasts and the people who listen to them.",
        "It's a pretty well-populated city.",  # "it" is the city named before
        "It's hard to get your hands on that data.",  # "that data": the case being told
        "There's not necessarily a policy that created that response.",
        "There's not necessarily a single right answer for data teams.",  # a hedge, not a claim
        "There's still a lot of gaps that we haven't covered.",
        "There's less ambiguity in the communication.",  # less than what? the case told before it
        "There's been lots of jailbreaks found.",
        "There's definitely been some improvements there.",
        "It was hard to get funding for the project back then.",  # a story, not how things are
    ],
)
def test_an_empty_subject_with_nothing_after_it_makes_no_title(said):
    assert spoken_claim(said) == ("", "")


def test_a_short_claim_may_make_a_lesson_though_the_gate_wants_longer_ideas():
    said = TranscriptSentence(
        raw="Things are constantly changing.",
        clean="Things are constantly changing.",
        start=0.0,
        speaker="Kedasha",
        section=0,
        position=0,
    )
    assert whole_as_shown(said, said.clean)
    # Only the length rule is relaxed: a question, a trailing-off line or a joke still is no lesson.
    for other in ("Are things constantly changing?", "Things are constantly changing...", "Yeah."):
        assert not whole_as_shown(replace(said, raw=other, clean=other), other), other
