"""Key phrases and headings say what a part is about, spelt as the speakers' transcript spells them."""

from podcast_digest.summarization.extractive.phrases import PhraseBook, capitalise
from podcast_digest.summarization.extractive.vocabulary import ENGLISH_STOP_WORDS_PLUS

SENTENCES = [
    # part 0: cold starts
    "Cold starts add latency to the first request.",
    "We measured cold starts in Java and in Python.",
    "Provisioned concurrency removes cold starts for a price.",
    "Provisioned concurrency keeps environments warm.",
    # part 1: Azure billing
    "The Azure bill grew every month.",
    "Tagging resources shows which team spends the money on Azure.",
    "Billing alerts caught the Azure spike.",
    "Yeah, I mean, the bill is the bill.",
]
PARTS = [0, 0, 0, 0, 1, 1, 1, 1]


def _book() -> PhraseBook:
    return PhraseBook(SENTENCES, PARTS, ENGLISH_STOP_WORDS_PLUS, names=["Jerod Santo"])


def test_a_heading_joins_the_two_best_phrases_of_its_part():
    book = _book()
    heading = book.heading(range(4))
    assert heading.casefold() in {
        "cold starts and provisioned concurrency",
        "provisioned concurrency and cold starts",
    }


def test_names_and_acronyms_keep_their_capitals_mid_heading():
    heading = _book().heading(range(4, 8))
    assert "Azure" in heading


def test_a_heading_already_used_is_avoided_when_another_is_possible():
    book = _book()
    first = book.heading(range(4))
    second = book.heading(range(4), avoid={first.casefold()})
    assert second
    assert second != first


def test_a_lesson_title_is_the_sentences_most_specific_phrase_not_yet_used():
    book = _book()
    title = book.title_for(2, avoid=set())
    assert title in {"Provisioned concurrency", "Cold starts"}
    other = book.title_for(2, avoid={title.casefold()})
    assert other
    assert other != title


def test_a_scope_of_only_filler_has_no_heading():
    book = PhraseBook(["Yeah, yeah.", "Okay."], [0, 0], ENGLISH_STOP_WORDS_PLUS)
    assert book.heading([0, 1]) == ""
    assert capitalise("") == ""
