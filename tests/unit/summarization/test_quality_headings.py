"""The weak-heading count: headings that rate instead of naming, generic nouns, bare pieces of a phrase."""

import pytest

from podcast_digest.models import InDepthSection, KeyIdeaGroup, Lesson
from podcast_digest.summarization.quality import score_summary
from podcast_digest.summarization.quality_headings import (
    headings_said_once,
    weak_heading_reason,
    weak_headings,
)
from tests.unit.summarization.test_quality_metrics import _summary, _transcript

# Bullets as the corpus summaries showed them (Practical AI #100, Talk Python #386, Podcasting 2.0 example).
RECOGNITION = [
    "Certain things like facial recognition, or object recognition, are fairly commoditized in terms of "
    "major categories of detection.",
    "Translation is very much used these days, but also transcription and speech recognition.",
    "If you take that condition and you put it in the context of AI, we don't have safeguards.",
]
WAVE = [
    "H2O Wave was initially built with this in mind as well.",
    "If we look over here at H2O Wave, the headline is Make AI Apps.",
    "To get started, start the Wave server, create a virtual environment, pip install H2O-Wave.",
]
INTRO = [
    "Moving forward for your podcast to help you reach your goals, that much faster.",
    "The third thing that you want to make sure you mentioned in your podcast intro is why someone should care.",
]

UI_WIDGETS = [
    "How much those sort of focused templates are like I'm here to create UI widgets.",
    "You create these nested UI widgets and the editor tools to build them it's nice.",
]
SWITCH = [
    "As an IC, you don't switch contexts that much.",
    "You switch more as an EM, then a director, and then a senior director.",
]
COMPUTER = [
    "You talk in a certain language with the computer, the computer creates a UI, the UI presents information.",
    "Humans are working with humans to create software that talks to humans.",
]


@pytest.mark.parametrize(
    ("heading", "bullets", "reason"),
    [
        ("Faster", INTRO, "adjective phrase"),
        (
            "Self Aware",
            ["When the singularity comes about and it's self-aware, it's gonna start off depressed."],
            "adjective phrase",
        ),
        (
            "Tremendous Progress",
            ["We transitioned into the NLP period, where we had tremendous progress there."],
            "adjective phrase",
        ),
        (
            "Content",
            ["The reality is we love podcasts because of the content that they're presenting."],
            "generic noun",
        ),
        ("Context", ["As an IC, you don't switch contexts that much."], "generic noun"),
        (
            "Previous Efforts",
            ["Previous efforts for future episodes is going to save you a ton of time."],
            "adjective phrase",
        ),
        ("Recognition", RECOGNITION, "bare word of a longer phrase (facial recognition, speech recognition)"),
        ("H2O", WAVE, "bare word of a longer phrase (h2o wave)"),
        # Headings the offline summarizer gave before it knew the talk's verbs (The Changelog #594, Talk Python #386).
        ("Create UI Widgets", UI_WIDGETS, "a verb as its bullets say it (create)"),
        ("Switch", SWITCH, "a verb as its bullets say it (switch)"),
        ("Computer Creates", COMPUTER, "a verb as its bullets say it (creates)"),
    ],
)
def test_headings_that_name_no_subject_are_told_why(heading, bullets, reason):
    assert weak_heading_reason(heading, bullets) == reason


@pytest.mark.parametrize(
    ("heading", "bullets"),
    [
        ("Speech Recognition", RECOGNITION),
        ("Facial and Speech Recognition", RECOGNITION),
        ("H2O Wave", WAVE),
        ("GDPR", ["GDPR is one thing that comes to mind in Europe."]),
        ("Graph Neural Networks", ["The top growth was a thing called graph neural networks."]),
        # Said once in a longer phrase is not enough; a verb before a name is no part of it ("install H2O").
        (
            "Streamlit",
            [
                "Streamlit is about building these simple dashboards.",
                "The second reason was that Streamlit apps used to be very resource-heavy.",
                "The reason was that Streamlit used to run a process.",
            ],
        ),
        ("Wave", ["To get started, pip install Wave.", "You deploy Wave where you want."]),
        # The same bullets under the subject they say: a noun, and a name after "to" ("to Azure").
        ("UI Widgets", UI_WIDGETS),
        ("Computer", COMPUTER),
        (
            "Azure",
            ["Go and build some great applications using Azure AI.", "Move it to Azure when it scales."],
        ),
        # A name is the subject of the different things said of it (Talk Python #386, Changelog #594).
        (
            "Python",
            [
                "At the end of the day, you end up with a very little bit of Python code.",
                "We try to provide you with Python APIs whenever possible.",
            ],
        ),
        (
            "Copilot",
            [
                "You've seen in programming in GitHub Copilot, where it hallucinates packages.",
                "When we talk about the value of Microsoft Copilot 365, it is meeting summaries.",
            ],
        ),
    ],
)
def test_headings_that_name_a_subject_pass(heading, bullets):
    assert weak_heading_reason(heading, bullets) is None


def test_each_grouped_part_is_counted():
    summary = _summary(
        key_ideas=[
            KeyIdeaGroup(heading="Recognition", ideas=RECOGNITION),
            KeyIdeaGroup(heading="H2O Wave", ideas=WAVE),
        ],
        in_depth=[
            InDepthSection(
                start_seconds=0,
                end_seconds=60,
                heading="Faster",
                key_ideas=INTRO,
                lessons_heading="",
                lessons=[],
            ),
            InDepthSection(
                start_seconds=60,
                end_seconds=120,
                heading="H2O Wave",
                key_ideas=WAVE,
                lessons_heading="",
                lessons=[],
            ),
        ],
    )
    found = weak_headings(summary)
    assert [h for h, _ in found["key_ideas"]] == ["Recognition"]
    assert found["in_depth_ideas"] == [("Faster", "adjective phrase")]
    quality = score_summary(summary, _transcript())
    assert quality.weak_headings == {"key_ideas": 1, "in_depth_ideas": 1}


def test_a_heading_two_bullets_say_is_not_counted_and_one_each_of_two_subjects_is() -> None:
    twice = KeyIdeaGroup(
        heading="Silicon Valley",
        ideas=[
            "Silicon Valley is a great show.",
            "I watched Silicon Valley twice.",
            "Mr. Robot is a hacker.",
        ],
    )
    once_each = KeyIdeaGroup(
        heading="Speech Recognition and Azure",
        ideas=["Speech recognition got better.", "Azure hosts the models.", "The demo ran well."],
    )
    part = InDepthSection(
        start_seconds=0,
        end_seconds=60,
        heading="Capabilities",
        key_ideas=["There's still a lot more capability coming.", "Frontier models are not commoditized."],
        lessons_heading="Lessons on Capabilities",
        lessons=[
            Lesson(title="Keep watching the frontier", explanation="The capability gap stays for a while.")
        ],
    )
    found = headings_said_once(_summary(key_ideas=[twice, once_each], in_depth=[part]))
    # The In-Depth part's lesson explanation is one of its bullets: its heading is said twice.
    assert found == {"key_ideas": ["Speech Recognition and Azure"], "in_depth_ideas": []}
