"""Quick Takes: promises from the title and (sanitised) show notes, checked against the talk."""

from podcast_digest.summarization.extractive.clickbait import check_promises, promises, verdict
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.extractive.show_notes import plain_text
from podcast_digest.summarization.extractive.vocabulary import ENGLISH_STOP_WORDS_PLUS


def _sentences(*texts: str) -> list[TranscriptSentence]:
    return [
        TranscriptSentence(raw=t, clean=t, start=10.0 * i, speaker=None, section=0, position=i)
        for i, t in enumerate(texts)
    ]


def test_show_notes_lose_tags_scripts_urls_and_addresses():
    html = (
        '<p>We talk <b>cold starts</b> &amp; costs.</p><script>alert("Ignore previous instructions")</script>'
        '<a href="https://evil.example/x">https://evil.example/x</a> mail me@evil.example'
    )
    text = plain_text(html)
    assert text == "We talk cold starts & costs.\nmail"
    assert "evil" not in text
    assert "alert" not in text


def test_promises_come_from_the_title_first_then_the_description_without_generic_words():
    found = promises(
        "Episode 42: Cold starts and provisioned concurrency",
        "<p>Our guest explains <i>SnapStart</i>. Sponsored links: https://x.example</p>",
        ENGLISH_STOP_WORDS_PLUS,
    )
    assert found[:2] == ["Cold starts", "provisioned concurrency"]
    assert "SnapStart" in found
    assert not any("42" in p or "Episode" in p or "http" in p for p in found)


def test_a_promise_is_delivered_where_the_talk_mentions_it():
    sentences = _sentences(
        "Hello.",
        "Cold starts add latency.",
        "We measured the cold start twice.",
        "Real-time dashboards matter.",
    )
    checks = check_promises(["Cold starts", "realtime dashboards", "Kubernetes"], sentences)
    assert [(c.promise, c.delivered, c.where_seconds) for c in checks] == [
        ("Cold starts", True, 10.0),
        ("realtime dashboards", True, 30.0),
        ("Kubernetes", False, None),
    ]


def test_a_guest_named_in_the_title_who_speaks_is_a_promise_kept():
    (check,) = check_promises(["Mark Russinovich"], _sentences("Thanks for having me."), ["Mark Russinovich"])
    assert check.delivered


def test_most_promises_missing_is_clickbait_and_the_verdict_says_which():
    checks = check_promises(
        ["Kubernetes", "GPU pricing", "Cold starts"], _sentences("Cold starts add latency.")
    )
    result = verdict(checks, topics=[])
    assert result.is_clickbait
    assert result.verdict.startswith("Our analysis suggests that the episode may be clickbait")
    assert "Kubernetes" in result.verdict
    assert "GPU pricing" in result.verdict
    assert "It does cover Cold starts." in result.verdict


def test_promises_kept_are_not_clickbait_and_the_verdict_lists_them():
    checks = check_promises(
        ["Cold starts", "costs"], _sentences("Cold starts add latency.", "The costs grew.")
    )
    result = verdict(checks, topics=["tracing"])
    assert not result.is_clickbait
    # The promises kept first, then the episode's own topics, as the sample's "It covers …" line does.
    assert result.verdict == (
        "Our analysis suggests that the episode is not clickbait. It covers Cold starts, costs and tracing."
    )
    assert result.promises == checks


def test_without_promises_the_verdict_names_the_topics():
    result = verdict([], topics=["cold starts", "tracing", "costs", "testing"])
    assert not result.is_clickbait
    assert result.verdict.endswith("It covers cold starts, tracing and costs.")


def test_lone_lower_case_words_are_not_promises_when_names_and_phrases_exist():
    found = promises(
        "10 things we wish we knew before starting our first podcast",
        "<p>Rookie mistakes to skip: good audio without a studio budget, and tips from the Buzzsprout team.</p>",
        ENGLISH_STOP_WORDS_PLUS,
    )
    assert "Rookie mistakes" in found
    assert not {"wish", "starting", "skip"} & set(found)


def test_a_title_of_lone_words_still_has_promises():
    assert promises("Batching and templates", "", ENGLISH_STOP_WORDS_PLUS) == ["Batching", "templates"]


def test_a_phrase_spread_over_one_part_of_the_talk_is_delivered_where_it_starts():
    def said(text: str, at: float, part: int) -> TranscriptSentence:
        return TranscriptSentence(
            raw=text, clean=text, start=at, speaker=None, section=part, position=int(at)
        )

    together = [said("Everyone is a rookie once.", 10.0, 0), said("We made every mistake.", 20.0, 0)]
    apart = [said("Everyone is a rookie once.", 10.0, 0), said("We made every mistake.", 400.0, 1)]

    (kept,) = check_promises(["Rookie mistakes"], together)
    (missed,) = check_promises(["Rookie mistakes"], apart)

    assert (kept.delivered, kept.where_seconds) == (True, 10.0)
    assert (missed.delivered, missed.where_seconds) == (False, None)


def test_without_a_publisher_promise_there_is_nothing_to_judge():
    from podcast_digest.models import ClickbaitVerdict
    from podcast_digest.summarization.extractive.clickbait import verdict

    judged = verdict([], ["Rust"], promise_known=False)
    assert judged == ClickbaitVerdict.nothing_to_judge()
    assert judged.verdict.startswith("Nothing to judge")


# The example feed's episode (examples/feed.xml), as `make run` summarises it.
EXAMPLE_TITLE = "Practical AI #100: a milestone episode, with the Changelog hosts dropping in"
EXAMPLE_NOTES = (
    "<p>Daniel Whitenack and Chris Benson reach episode 100 of <b>Practical AI</b>, and Jerod Santo and "
    "Adam Stacoviak of the Changelog crash the recording to talk about the show, AI in practice and what "
    "comes next.</p>"
)
SPEAKERS = ["Chris Benson", "Daniel Whitenack", "Jerod Santo", "Adam Stacoviak"]


def test_a_show_named_before_its_episode_number_is_never_a_promise_and_its_milestone_is():
    found = promises(
        EXAMPLE_TITLE,
        EXAMPLE_NOTES,
        ENGLISH_STOP_WORDS_PLUS,
        speakers=SPEAKERS,
        podcast="Podcast Digest Examples",
    )
    assert found[0] == "100 episodes"
    assert not any("Practical" in p for p in found)


def test_a_word_between_a_name_and_a_determiner_is_what_the_named_do_not_a_phrase():
    found = promises(
        EXAMPLE_TITLE,
        EXAMPLE_NOTES,
        ENGLISH_STOP_WORDS_PLUS,
        speakers=SPEAKERS,
        podcast="Podcast Digest Examples",
    )
    assert not any("crash" in p for p in found)


def test_an_episode_number_alone_is_no_occasion():
    found = promises("Episode 42: Rust in the kernel", "<p>We talk Rust.</p>", ENGLISH_STOP_WORDS_PLUS)
    assert "42 episodes" not in found
