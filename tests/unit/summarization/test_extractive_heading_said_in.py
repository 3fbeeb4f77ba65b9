"""A heading names only words its bullets say as shown (after ideas are trimmed to plain statements)."""

from podcast_digest.summarization.extractive.headings import kept_if_shown, said_in

# Practical AI #100: the phrase book found "constructing neural networks" in the whole sentence, the idea
# was shown cut before ", which is a new way of constructing neural networks to work on graph data".
_SHOWN = [
    "The top growth was a thing called graph neural networks.",
    "We transitioned into the NLP period, where we had tremendous progress there.",
]


def test_words_the_trimming_took_out_leave_the_heading():
    assert said_in("Constructing Neural Networks", _SHOWN) == "Neural Networks"


def test_each_joined_subject_keeps_what_the_bullets_say():
    assert said_in("Constructing Neural Networks and NLP", _SHOWN) == "Neural Networks and NLP"


def test_a_heading_the_bullets_say_is_kept_as_it_is():
    assert said_in("Graph Neural Networks", _SHOWN) == "Graph Neural Networks"


def test_a_subject_none_of_whose_words_are_said_is_dropped():
    assert said_in("Azure and NLP", _SHOWN) == "NLP"
    assert said_in("Azure Studio", _SHOWN) == ""


def test_a_heading_made_only_of_words_the_trimming_took_out_is_no_heading_of_these_bullets():
    # Practical AI #100 (with a different candidate pool): the part's phrase "water line issues" and the
    # name "Africa" were in the whole sentence the idea "…a project from DataRobot." was cut from.
    shown = [
        "There was one representing a project from DataRobot.",
        "We've seen great success there, especially with JS Party and Go Time.",
    ]
    assert kept_if_shown("Water Line Issues and Africa", shown) == ""
    assert kept_if_shown("JS Party", shown) == "JS Party"
    assert kept_if_shown("", shown) == ""
