"""Talk Python #386's lessons are no longer refused (issue 13, fourth lessons pass).

Each sentence is what the corpus speakers of Talk Python #386 (H2O Wave) say; beside each recovered lesson
is the refusal that must stay.
"""

from podcast_digest.models import Episode, Feed, Segment, Transcript, TranscriptSource, TranscriptSourceKind
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.extractive.lesson_claims import spoken_claim, verdict_with_its_limit
from podcast_digest.summarization.extractive.lesson_picking import _stated
from podcast_digest.summarization.extractive.lessons import advice_title, is_hollow_title


def _summary(lines: list[tuple[str, str]]):
    segments = [
        Segment(start=20.0 * n, end=20.0 * n + 19, speaker=speaker, text=text)
        for n, (speaker, text) in enumerate(lines)
    ]
    transcript = Transcript(segments=segments, source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER))
    feed = Feed(feed_id="f", url="https://podcast.example/feed.xml", title="Talk Python To Me")
    episode = Episode(
        episode_id="e", feed_id="f", title="Build web apps in Python with H2O Wave", description=""
    )
    return ExtractiveSummarizer().summarize(feed, episode, transcript)


def _all_lessons(summary) -> dict[str, str]:
    shown = summary.lessons + [x for p in summary.in_depth for x in p.lessons]
    return {x.title: x.explanation for x in shown}


def test_a_thing_praised_and_what_it_is_not_is_one_title():
    title, _ = spoken_claim("It's just, Jupyter is great, but it's not an end user technology.")
    assert title == "Jupyter is great, but it's not an end user technology"
    assert verdict_with_its_limit("Jupyter is fantastic", "but it doesn't scale to big teams") == (
        "Jupyter is fantastic, but it doesn't scale to big teams"
    )


def test_a_concession_that_names_nothing_or_takes_the_claim_back_stays_refused():
    # The "but" takes the advice back: neither half, nor both, is a lesson.
    assert spoken_claim(
        "I think for startups, public cloud is perfect, but that doesn't mean that you have to make all the mistakes."
    ) == ("", "")
    # The praise names nothing ("It"), or the limit names too little ("not for everyone").
    assert verdict_with_its_limit("It is great", "but it's not an end user technology") == ""
    assert verdict_with_its_limit("Kubernetes is great", "but it's not for everyone") == ""
    # A story: what it was, not what it is.
    assert verdict_with_its_limit("Streamlit is great", "but it wasn't fast enough for us") == ""
    # The praise alone is never the title.
    assert spoken_claim("Jupyter is great, but it's not an end user technology.")[0] != "Jupyter is great"


def test_a_statement_that_asks_only_for_a_nod_is_a_statement():
    assert _stated("It's an enabling technology, right?") == "It's an enabling technology."
    # Questions in their own words stay questions.
    assert _stated("Do you have a grid, right?") == "Do you have a grid, right?"
    assert (
        _stated("What if they want that updated every minute?")
        == "What if they want that updated every minute?"
    )
    assert _stated("It's pretty nice.") == "It's pretty nice."


def test_the_next_statement_explains_the_verdict_though_it_ends_on_right():
    summary = _summary(
        [
            ("Michael", "Many people work in Jupyter and do amazing things with their notebooks every day."),
            ("Michael", "It's just, Jupyter is great, but it's not an end user technology."),
            ("Michael", "It's an enabling technology, right?"),
            ("Martin", "Exactly, and that is why we built Wave for the people who use the apps."),
        ]
    )
    assert _all_lessons(summary).get("Jupyter is great, but it's not an end user technology") == (
        "It's an enabling technology."
    )


def test_a_lot_of_a_named_thing_is_a_subject():
    title, _ = spoken_claim(
        "Even if you did, a lot of the OAuth flow requires you setting up certain endpoints and it's tricky."
    )
    assert title == "A lot of the OAuth flow requires you setting up certain endpoints and it's tricky"
    # "A lot of the time", "a lot of people", "a lot of these": no thing named.
    assert is_hollow_title("A lot of the time it requires a restart of the server")
    assert spoken_claim("A lot of these things are really hard to set up for data scientists.") == ("", "")
    assert spoken_claim("A lot of people are building production apps with Wave.")[0] == ""


FRAMEWORKS = (
    "If you want to build something enterprise-y or something that needs a longer maintenance, "
    "then you need to reach out for frameworks."
)


def test_a_long_condition_the_speaker_ends_with_then_is_kept_in_the_title():
    title, _ = spoken_claim(FRAMEWORKS)
    assert title == (
        "If you want to build something enterprise-y or something that needs a longer maintenance, "
        "you need to reach out for frameworks"
    )
    # The advice alone ("Reach out for frameworks") would drop the condition: never its title.
    assert advice_title(FRAMEWORKS) == ""
    # Without the speaker's "then", where a long condition ends is a guess: no title.
    assert spoken_claim(FRAMEWORKS.replace(", then you", ", you"))[0] == ""
    # "Reach out" to the show is an invitation, not advice.
    assert (
        spoken_claim("If you have any questions about Wave, then you should reach out to us on Slack.")[0]
        == ""
    )


def test_the_point_after_the_speakers_own_case_explains_the_advice():
    lines = [
        ("Martin", "I like web as a platform because it also has become very powerful."),
        ("Martin", FRAMEWORKS),
        (
            "Martin",
            "Currently, I've gone in React, which is, I would say, industry standard, but also have experience with Vue or Angular.",
        ),
        ("Martin", "At the end of the day, it's just a tool in our toolbox."),
        ("Michael", "Other front-end question, straight JavaScript or TypeScript?"),
        ("Martin", "TypeScript all the way, and once you try TypeScript, then there's no way back."),
        ("Michael", "My JavaScript front-end experience is pretty limited."),
        (
            "Michael",
            "I try to stick with the Python side of things, the server-side type of things as much as possible.",
        ),
    ]
    title = (
        "If you want to build something enterprise-y or something that needs a longer maintenance, "
        "you need to reach out for frameworks"
    )
    assert _all_lessons(_summary(lines)).get(title) == "It's just a tool in our toolbox."
    # The next sentence is another speaker's: no aside of the speaker's own, so nothing explains it.
    lines[2] = ("Michael", lines[2][1])
    assert title not in _all_lessons(_summary(lines))
