"""Headings that name a subject: the longer phrase the bullets say, never a rating or a generic noun, and a
group of two subjects named by both. Sentences as the corpus summaries showed them (Practical AI #100,
The Changelog #594, Talk Python #386, the Podcasting 2.0 example)."""

from podcast_digest.summarization.extractive.headings import (
    fuller_heading,
    heading_said_most,
    names_subject,
    with_second_subject,
)
from podcast_digest.summarization.extractive.idea_picking import episode_topics
from podcast_digest.summarization.extractive.phrases import PhraseBook
from podcast_digest.summarization.extractive.ranking import SentenceSpace, similarity
from podcast_digest.summarization.extractive.topics import is_topic, names_a_subject
from podcast_digest.summarization.extractive.vocabulary import (
    ENGLISH_STOP_WORDS_PLUS,
    stem,
)

RECOGNITION = [
    "Certain things like facial recognition, or object recognition, are fairly commoditized in terms of "
    "major categories of detection.",
    "Translation is very much used these days, but also transcription and speech recognition.",
    "Recognition of faces in a crowd is what the police wanted first.",
]
WAVE = [
    "H2O Wave was initially built with this in mind as well.",
    "If we look over here at H2O Wave, the headline is Make AI Apps.",
    "Your business model is H2O wave is free open source people can deploy it where they want.",
    "For example, H2O organized public, hackathon that aimed to predict wildfires in California.",
]
NETWORKS = [
    "The first thing that comes to me is adversarial networks.",
    "If you have a small amount of it, then use one of these networks to augment your creation of other data.",
    "If you combine that with obviously other aspects, like generative adversarial networks.",
]


def _book(sentences: list[str]) -> PhraseBook:
    return PhraseBook(sentences, [0] * len(sentences), ENGLISH_STOP_WORDS_PLUS)


def _key(word: str) -> tuple[str, ...]:
    return (stem(word),)


def test_a_lone_word_is_headed_by_the_phrase_two_bullets_say_it_in():
    book = _book(WAVE)
    assert fuller_heading(book, _key("h2o"), [0, 1, 2, 3]) == "H2O Wave"
    # "generative adversarial networks" says "adversarial networks" too.
    book = _book(NETWORKS)
    assert fuller_heading(book, _key("networks"), [0, 1, 2]).casefold() == "adversarial networks"


def test_two_phrases_the_word_ends_are_joined_only_when_two_bullets_say_them():
    book = _book(RECOGNITION)
    # "object recognition" is said by the bullet that says "facial recognition": the second is "speech".
    assert fuller_heading(book, _key("recognition"), [0, 1, 2]) == "facial and speech recognition"
    # With only the first bullet there is no second subject said elsewhere: the bare word stays.
    assert fuller_heading(book, _key("recognition"), [0, 2]) == "recognition"
    # A heading already used is not made again.
    taken = {"facial and speech recognition"}
    assert fuller_heading(book, _key("recognition"), [0, 1, 2], avoid=taken) == "recognition"


def test_a_name_is_never_joined_as_two_pieces():
    # Changelog #594's Key Ideas were headed "GitHub and Microsoft Copilot" over three bullets all saying
    # Copilot: the name, said by all three, is their subject.
    book = _book(
        [
            "You've seen in programming in GitHub Copilot, where it hallucinates packages that don't exist.",
            "When we talk to customers about the value of Microsoft Copilot 365, it is meeting summaries.",
            "Copilot chat and ask those questions to the extensions.",
        ]
    )
    assert fuller_heading(book, _key("copilot"), [0, 1, 2]) == "Copilot"


def test_ratings_and_generic_nouns_name_no_subject():
    for heading in (
        "Tremendous Progress",
        "Faster",
        "Self Aware",
        "Content",
        "Context",
        "Previous Efforts",
        "Massive Scale",
        "Typical Approach",
        "Useful Context",
        "Updates",
        "Potential",
    ):
        assert not names_a_subject(heading), heading
    for heading in (
        "Speech Recognition",
        "H2O Wave",
        "GDPR",
        "Prompt Shield",
        "Audio Quality",
        "Streamlit",
        "Graph Neural Networks",
        "Content Moderation",
    ):
        assert names_a_subject(heading), heading


def test_a_generic_word_all_the_ideas_say_heads_no_topic_across_the_episode():
    # The Podcasting 2.0 example: three ideas say "content", two say "audio quality".
    sentences = [
        "Creating good audio is key because no matter how good the content is, if your audio quality isn't good.",
        "The reality is we love podcasts because of the content that they're presenting.",
        "If it takes you ten minutes to get out great glorious content, amazing.",
        "Audio quality is the first thing a new listener notices about a show.",
    ]
    book = _book(sentences)
    pool = list(range(len(sentences)))
    sim = similarity(SentenceSpace(sentences, ENGLISH_STOP_WORDS_PLUS).rows(pool))
    found = dict(episode_topics(book, pool, [1.0] * len(pool), sim, names=set(), wanted=6))
    assert "Content" not in found
    assert heading_said_most(book, pool, names=set(), avoid=set()) == "Audio Quality"


def test_a_heading_naming_one_bullet_of_three_is_joined_with_the_subject_the_others_say():
    # The Changelog #594 at 109 minutes: one bullet says "multi-agent", two say "Azure".
    texts = [
        "Particularly, we're starting to see multi-agent systems, and there's some demos that you can see.",
        "Go and build some great applications using Azure AI.",
        "Azure is where those customers deploy their models today.",
    ]
    book = _book(texts)
    joined = with_second_subject(book, "Multi Agent", [0, 1, 2], texts, names=set(), avoid=set())
    assert joined == "Multi Agent and Azure"
    # A heading that names most of its bullets is left as it is, and so is one with no named second subject.
    assert with_second_subject(book, "Azure", [0, 1, 2], texts, names=set(), avoid=set()) == "Azure"
    plain = ["We can't just keep doing things the way we did.", *texts[:1], "There was stuff every day."]
    book = _book(plain)
    assert (
        with_second_subject(book, "Multi Agent", [0, 1, 2], plain, names=set(), avoid=set()) == "Multi Agent"
    )


def test_no_verb_or_adverb_is_joined_as_a_subject():
    texts = [
        "DeepSpeed, this AI framework - it wouldn't work yesterday.",
        "My day-to-day concept is helping people out community-wise.",
        "Good habits teaches you more than any framework.",
    ]
    book = _book(texts)
    assert with_second_subject(book, "DeepSpeed", [0, 1, 2], texts, names=set(), avoid=set()) == "DeepSpeed"


def test_a_phrase_is_spelt_as_the_speakers_said_it_not_from_each_words_commonest_form():
    # Talk Python #386 at 4 minutes: "features" is said more often alone, but the phrase is "feature requests".
    book = _book(
        [
            "Getting new feature requests in is most of my day.",
            "The features are listed on the site.",
            "Which features do people use?",
            "I answer each request quickly, and we log the request too.",
        ]
    )
    key = (stem("feature"), stem("requests"))
    assert book.spell(key) == "features request"
    assert book.spell_as_said(key) == "feature requests"


def test_the_english_heading_rules_leave_other_languages_as_they_were():
    sentences = [
        "El reconocimiento facial ya es común en los teléfonos de la gente que los usa.",
        "El reconocimiento facial también abre la puerta de la casa y la del coche.",
        "El contenido del programa es la privacidad de los datos y de las fotos que se guardan en la nube.",
        "Que la privacidad es de todos y que los datos son de la gente es lo que se dice en el programa.",
    ]
    # Stop words as an episode in Spanish learns them (its function words), not the English list.
    spanish = frozenset("el la los las de del es en y que se lo ya son también".split())  # noqa: SIM905
    book = PhraseBook(sentences, [0, 0, 0, 0], spanish)
    assert ("reconocimiento", "facial") in book.by_sentence[0]
    assert not book.english
    # In English "H2O" becomes "H2O Wave"; here the word stays as it was headed before.
    assert fuller_heading(book, ("reconocimiento",), [0, 1]) == "reconocimiento"
    assert names_subject(book, "Content") == is_topic("Content")


# Talk Python #386 and The Changelog #594 as the speakers said it: "create" and "switch" are verbs in this
# talk ("you create", "to create", "you switch"), "widgets" and "contexts" things ("these widgets").
VERBS_SAID = [
    "How much those sort of focused templates are like I'm here to create UI widgets.",
    "You create these nested UI widgets and the editor tools to build them it's nice.",
    "You start working with these widgets and the widgets can be composable.",
    "As an IC, you don't switch contexts that much.",
    "You talk with the computer, the computer creates a UI, the UI presents information to your customer.",
    "Natural language is the new interface, and natural language voice interaction is game-changing.",
]


def test_a_word_the_talk_says_as_a_verb_heads_nothing_and_the_subject_it_acts_on_does():
    book = _book(VERBS_SAID)
    assert book.said_as_a_verb("create")
    assert book.said_as_a_verb("switch")
    assert not book.said_as_a_verb("widget")
    assert not book.said_as_a_verb("computer")
    for heading in ("Create UI Widgets", "Switch", "Computer Creates"):
        assert not names_subject(book, heading), heading
    for heading in ("UI Widgets", "Widgets", "Computer", "Natural Language"):
        assert names_subject(book, heading), heading
    # Chosen from the bullets themselves: the phrase they say, not the verb phrase they say it in.
    heading = heading_said_most(book, range(3), names=set(), avoid=set())
    assert heading, heading
    assert not heading.casefold().startswith("create"), heading


def test_a_verb_said_by_other_talk_is_still_a_subject_here():
    # "switch" said only as a thing ("the switch", "a network switch"): a subject of its own.
    book = _book(["The switch sits in the rack.", "A network switch failed, and the switch was replaced."])
    assert not book.said_as_a_verb("switch")
    assert names_subject(book, "Network Switch")


def test_a_possessive_alone_names_no_subject():
    # The Podcasting 2.0 example's "This week's question comes from Gillian." was headed "Week's".
    assert not is_topic("Week's")
    assert not is_topic("week’s")
    assert is_topic("GitHub")


def test_a_word_that_picks_out_which_or_introduces_a_name_leads_no_heading():
    # Talk Python #386's "…is something called card" was headed "Called Card"; "basic" rates, as "simple" does.
    book = _book(["The basic building block is something called card.", "Certain languages need a card."])
    for heading in ("Called Card", "Certain Languages", "Basic Building", "Entire"):
        assert not names_subject(book, heading), heading
    assert names_subject(book, "Natural Language")


def test_a_common_word_the_ideas_say_before_a_different_word_each_time_heads_none_of_them():
    # Changelog #594's Key Ideas "Prompt" stood over "prompt instructions", "prompt jailbreaking" and "the
    # same prompt": it qualifies two things there and names neither. A name stays their subject.
    from podcast_digest.summarization.extractive.idea_picking import _a_piece_of_several

    book = _book(
        [
            "People immediately set about trying to get it to ignore those prompt instructions with theirs.",
            "Some similar things would prompt jailbreaking and prompt shield.",
            "Generating the outputs is just the same prompt, only with one extra character.",
        ]
    )
    assert _a_piece_of_several(book, "Prompt", [0, 1, 2])
    python = _book(
        ["You end up with a little bit of Python code.", "We provide Python APIs.", "Send it to Python."]
    )
    assert not _a_piece_of_several(python, "Python", [0, 1, 2])
    systems = _book(["Debugging these systems is hard.", "Our systems scale.", "Systems fail at night."])
    assert not _a_piece_of_several(systems, "Systems", [0, 1, 2])


def test_a_word_before_the_same_word_in_several_phrases_of_one_sentence_counts_once():
    # Changelog #594's "Language" over "small language models", "natural language voice interaction" and
    # "in your language": the second sentence's three phrases with "language voice" made "voice" count thrice,
    # so "language" looked like the name of one thing.
    from podcast_digest.summarization.extractive.idea_picking import said_as_a_modifier

    book = _book(
        [
            "In the last six months there's been a real explosion around small language models.",
            "Natural language voice interaction is just so game-changing.",
            "In your language it'll explain it, which is just mind-boggling.",
        ]
    )
    assert said_as_a_modifier(book, _key("language"), [0, 1, 2])
