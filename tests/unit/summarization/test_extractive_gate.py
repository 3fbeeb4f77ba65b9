"""What the offline summarizer may show: the sentence gate, trimmed hedges, headings its bullets say, lessons
that keep their condition and never turn against the speaker."""

import pytest

from podcast_digest.summarization.extractive.gate import is_candidate, trimmed
from podcast_digest.summarization.extractive.headings import heading_for, title_case
from podcast_digest.summarization.extractive.lesson_claims import spoken_claim
from podcast_digest.summarization.extractive.lessons import advice_title
from podcast_digest.summarization.extractive.phrases import PhraseBook
from podcast_digest.summarization.extractive.sentences import TranscriptSentence, clean_sentence
from podcast_digest.summarization.extractive.vocabulary import ENGLISH_STOP_WORDS_PLUS


def _sentence(raw: str) -> TranscriptSentence:
    return TranscriptSentence(
        raw=raw, clean=clean_sentence(raw), start=0.0, speaker=None, section=0, position=0
    )


@pytest.mark.parametrize(
    "raw",
    [
        "So we deployed a lot of [unintelligible 00:11:01] because talking about the cluster.",
        "He focused it on Open AI and this new model that everyone's talking about...",
        "Podcast players like Apple podcasts, Google podcasts,, overcast, they support it.",
        "So what do you think about running your own hardware at scale?",
        "Let's talk about how you got started with machine learning in the first place.",
        "Thanks so much for having me on the show today, it was a real pleasure.",
        "We will always have Silicon Valley and its crazy valuations, Adam.",
        "Which is commonly called AI Ethics, or Responsible AI is another term for it.",
        "If you post a picture that causes them to stop and look at your feed.",
        "You may think that the best strategy is to put your entire episode on social media.",
        "I was joking about the servers, haha, nobody buys racks anymore, right.",
        # Talk about the recording itself (Practical AI #100): a summary saying "in this episode" narrates.
        "There is a princess bride theme going in this episode.",
    ],
)
def test_fragments_questions_set_ups_sign_offs_and_jokes_are_not_candidates(raw):
    sentence = _sentence(raw)
    assert not is_candidate(sentence, trimmed(sentence.clean))


@pytest.mark.parametrize(
    "raw",
    [
        "Owning your hardware pays off once you run at this scale for a few years.",
        "For startups, the public cloud is perfect because you pay only for what you use.",
        "Provisioned concurrency keeps a number of execution environments warm and ready.",
    ],
)
def test_whole_statements_are_candidates(raw):
    sentence = _sentence(raw)
    assert is_candidate(sentence, trimmed(sentence.clean))


def test_hedges_are_trimmed_and_long_sentences_keep_their_main_clause():
    assert trimmed("I think that owning hardware pays off at scale.") == "Owning hardware pays off at scale."
    assert trimmed("Yeah, so basically the cache sits in front of the database.") == (
        "The cache sits in front of the database."
    )
    long = (
        "The scheduler places every job on the cheapest machine that still meets its deadline, "
        "which is why the bill dropped by half over the first three months of running it in production."
    )
    assert (
        trimmed(long)
        == "The scheduler places every job on the cheapest machine that still meets its deadline."
    )
    # Nothing is cut from the middle: the words shown are the speaker's, in order.
    assert trimmed("The key, you know, is the cache.") == "The key, you know, is the cache."


def test_an_advice_title_keeps_its_condition():
    assert advice_title(
        "I think for startups, you should rent servers before you buy your own hardware."
    ) == ("For startups, rent servers before you buy your own hardware")


@pytest.mark.parametrize(
    "text",
    [
        "When you start, you should make all the mistakes, but that doesn't mean you have to make them all.",
        "You may think that you should put your whole episode on social media.",
        "I know what you're thinking, you probably think you have to buy expensive equipment first.",
    ],
)
def test_no_lesson_turns_against_what_the_speaker_concluded(text):
    assert advice_title(text) == ""
    assert claim_title_of(text) == ""


def test_a_claim_is_titled_by_its_main_clause_never_by_one_or_two_words():
    assert claim_title_of("Owning hardware pays off at scale, because the cloud margin is huge.") == (
        "Owning hardware pays off at scale"
    )
    assert claim_title_of("It works, mostly.") == ""


def test_a_heading_is_a_phrase_two_of_its_bullets_say_never_a_speakers_name():
    bullets = [
        "Mark Russinovich says provisioned concurrency keeps functions warm.",
        "With provisioned concurrency the cold start disappears for a price.",
        "Mark Russinovich measured a two second delay for Java functions.",
        "Snapshots restore an initialised environment instead of booting one.",
    ]
    book = PhraseBook(bullets, [0, 0, 0, 0], ENGLISH_STOP_WORDS_PLUS, ["Mark Russinovich"])
    heading = heading_for(book, range(4), names={"mark", "russinovich"}, avoid=set())
    assert heading == "Provisioned Concurrency"


def test_headings_are_in_title_case_and_keep_the_speakers_spelling():
    assert title_case("cold starts and GitHub Copilot") == "Cold Starts and GitHub Copilot"
    assert title_case("the AWS bill") == "The AWS Bill"


def claim_title_of(text: str) -> str:
    """The title the summarizer gives a claim the sentence makes (lesson_claims.spoken_claim)."""
    return spoken_claim(text)[0]
