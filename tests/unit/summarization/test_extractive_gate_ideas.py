"""The sentence gate refuses what no listener should see as an idea (issue 13, gate pass): the corpus lines
that were shown as Key Ideas, In-Depth ideas or the conclusion, as their transcripts have them, beside whole
sentences of the same shapes it must keep."""

import pytest

from podcast_digest.summarization.extractive.gate import is_candidate, trimmed
from podcast_digest.summarization.extractive.grammar import fragment_reason
from podcast_digest.summarization.extractive.plain_statements import plain_statement
from podcast_digest.summarization.extractive.sentences import TranscriptSentence, clean_sentence


def _sentence(raw: str) -> TranscriptSentence:
    return TranscriptSentence(
        raw=raw, clean=clean_sentence(raw), start=0.0, speaker=None, section=0, position=0
    )


def _candidate(raw: str) -> bool:
    sentence = _sentence(raw)
    return is_candidate(sentence, trimmed(sentence.clean))


@pytest.mark.parametrize(
    "raw",
    [
        # A host's request to the guest (Changelog #594).
        "Explain to me how GitHub Copilot works.",
        # Bios and self-introductions.
        "So as the CTO of Microsoft Azure, I read that you're in charge of sustainable data center design.",
        "Actually, as CTO, I oversee technical strategy and architecture for the Azure platform.",
        "Streamlit, I interviewed Adrian back, I think it was 2019, who founded Streamlit.",
        "So currently, I've gone in React, which is, I would say, industry standard, but also have experience"
        " with Vue or Angular.",
        "So as someone who has held events before with my involvement on the board for Write/Speak/Code.",
        # Caption lines cut mid-phrase (Talk Python, unpunctuated).
        "so basically we support arbitrary JavaScript as well you just include your script as",
        "and then HTML with the templating language right does it do the partial updates based on that as",
        "the examples that you have here are you have a little tiny fragment like a fragment of HTML that'll go"
        " into the",
        "if you imagine you have to like open up a tab for Datadog, or open up a tab for Sentry, you can go from"
        " your",
        "well wave sounds like a really cool framework we have",
        "Creating good audio is really key to keeping your podcast listeners engaged because no matter how good"
        " the content is, if your audio quality isn't good.",
        "down yeah that's definitely possible the reason that you see for every single dead the same output is",
        # A subordinate clause or phrase with no main clause.
        "And so if it takes you 10 minutes to get out great glorious content, amazing.",
        "Moving forward for your podcast to help you reach your goals, that much faster",
        "just, seeing all the innovation that's happening all across the company, just even watching how quickly"
        " Microsoft pivoted as a company.",
        "Neural Processing Unit, which is a generic industry term.",
        # No subject; filler.
        "Probably didn't even use any TypeScript or React.",
        "basically reach the gap between JavaScript and Python you can send your data back to Python",
        "well if you want yeah but what's surprising to me is you can exit your python script",
        # Pointing back at the talk before it.
        "You know, if you take that condition and you put it in the context of AI, we don't have safeguards.",
        "The first thing that comes to me is adversarial networks.",
        "Because there's probably people listening who are like, well, yeah, I'm really interested in this, but"
        " I've already considered working with Streamlit.",
        "Ever since that point, it seems like we've always had it in the back of our mind, specifically"
        " highlighting AI for good episodes.",
        # Caption lines and turns run together (Talk Python, unpunctuated), a contrast with no main clause.
        "API or something or is it just all custom it uses starlight although I'm not sure if it the actual server",
        "after you've run that you can then just fire up python and start working with it again how does that work"
        " it's mostly just for playing around maybe debugging",
        "you've got dropdowns and search and the make it happen type of buttons do you have a grid yes it's called"
        " table",
        "can be built but especially if you're talking about businesses 80% of the apps that they",
        "at all and since the web server is the one that handles web sockets",
        "As opposed to the Azure nightclub or pool in Vegas.",
        # An unpunctuated caption line that broke mid-phrase, a question inside it, a thank-you at its end.
        "many choices and I love that it takes advantage of some of these modern python ideas like async and"
        " await whatever else you want to",
        "for my things to go into and loops and that sort of thing is there a way in HTML wave to have some"
        " template like that definitely although we do not",
        "get out there and write some python code you Thank you.",
    ],
)
def test_no_listener_sees_these_as_an_idea(raw):
    assert not _candidate(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "Creating good audio is really key to keeping your podcast listeners engaged.",
        "As an IC, you don't switch contexts that much.",
        "There is a lot of benefit there, and that's why certain of these practical tools plug in.",
        "However, if you wish to sprinkle a little bit of JavaScript or CSS, then you definitely can.",
        "We know how to use them as they currently work, whatever our context is.",
        "I'd never thrown an event before for 200 people, though.",
        "If it says something that's not in the grounding data, then it's probably a hallucination.",
        "Mark Russinovich, who is the CTO of Azure, says prompt injection is inherent in these models.",
        "The Azure AI studio is the place where you can build your generative AI applications.",
        "Think about what can I say to make someone want to continue listening, to go check out the full episode.",
        "Interviewing noteworthy guests that have a significant audience is one of our favorite strategies.",
        "You want to make it a little bit interactive, so they can pick the country and the time range.",
        "In the country where I come from, we call it a girl for everything.",
        "The basic building block, be it the script or the app, is something called a card.",
        # A punctuated sentence may end on a stranded preposition; only a caption line is cut there.
        "Whatever else you want to do, Wave leaves it to the Python you already want to.",
        "we have VS Code extension and PyCharm plugin",
    ],
)
def test_whole_sentences_of_the_same_shapes_stay_candidates(raw):
    assert _candidate(raw)


def test_the_reply_word_goes_and_the_statement_stays():
    # "Is that true?" - "No, there's people that…": the statement after the reply stands on its own.
    sentence = _sentence("No, there's people that spend their careers learning how to design data centers.")
    assert (
        trimmed(sentence.clean)
        == "There's people that spend their careers learning how to design data centers."
    )
    assert is_candidate(sentence, trimmed(sentence.clean))
    assert trimmed("No one designs data centers for sustainability alone.").startswith("No one")


def test_a_trim_never_leaves_the_dangling_end():
    # Before, the long sentence lost its tail at ", and" and was shown as "…by generating some pretty realistic."
    raw = (
        "GPT-3 just made a splash this summer on the tech Twitter and the VC Twitter and in our space, by"
        " generating some pretty realistic, and even tricky sentences and phrases and blog posts even."
    )
    assert not trimmed(raw).endswith("pretty realistic.")
    # The plain statement's cuts are held to the same test.
    assert fragment_reason("You can go from your.") == "ends mid-phrase"
    long = (
        "We support arbitrary JavaScript in the page as well as, which means you include your script the way"
        " you would in Django or any other server-side framework."
    )
    assert plain_statement(long) == long  # not "We support arbitrary JavaScript in the page as well as."


def test_a_share_of_what_was_said_before_is_no_candidate_nor_a_gist():
    # Changelog #594's conclusion opened on it after the merges.
    from podcast_digest.summarization.extractive.statements import states_a_fact

    said = "Half of that can already be known, and AI can do that, and then you can take it from there."
    assert not _candidate(said)
    assert not states_a_fact(said)
    whole = "Half of the listeners who try a new podcast stop within the first five minutes."
    assert _candidate(whole)
    assert states_a_fact(whole)


def test_that_goes_with_the_hedge_only_before_a_subject():
    # Practical AI #100: "So I think that feeling still exists…" was shown as "Feeling still exists…".
    assert trimmed(
        "So I think that feeling still exists there, although people would acknowledge it."
    ).startswith("That feeling still exists")
    assert (
        trimmed("I think that the model is better than the old one.")
        == "The model is better than the old one."
    )
    assert trimmed("I think that we should ship it on Friday.") == "We should ship it on Friday."
