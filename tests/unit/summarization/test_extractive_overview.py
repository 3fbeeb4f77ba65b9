"""Quick Takes, the 1-Sentence-Summary, the tl;dr and the Conclusion of the offline summary (issue 13,
third pass): what a listener would keep, on the shapes of text real episodes give."""

import pytest

from podcast_digest.models import (
    ClickbaitVerdict,
    Episode,
    Feed,
    PromiseCheck,
    Provenance,
    Segment,
    Summary,
    Transcript,
    TranscriptSource,
    TranscriptSourceKind,
)
from podcast_digest.summarization import quality_overview
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.extractive.clickbait import (
    check_promises,
    milestone,
    promises,
    show_names,
    verdict,
)
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.extractive.statements import opens_on_a_clause, states_a_fact
from podcast_digest.summarization.extractive.vocabulary import ENGLISH_STOP_WORDS_PLUS
from podcast_digest.summarization.quality import non_topic, one_sentence_topics

PRACTICAL_AI = (
    "Practical AI's 100th episode",
    "Jerod and Adam turn the tables on Chris and Daniel to celebrate 100 episodes of Practical AI.",
)
HOSTS = ["Chris Benson", "Daniel Whitenack", "Jerod Santo", "Adam Stacoviak"]


def _said(*texts: str) -> list[TranscriptSentence]:
    return [
        TranscriptSentence(raw=t, clean=t, start=10.0 * i, speaker=None, section=0, position=i)
        for i, t in enumerate(texts)
    ]


# --- Quick Takes -----------------------------------------------------------------------------------


def test_the_show_its_hosts_and_verb_fragments_are_no_promise_the_occasion_is():
    found = promises(*PRACTICAL_AI, ENGLISH_STOP_WORDS_PLUS, speakers=HOSTS, podcast="Changelog Master Feed")
    # Not "Practical AI's" (the show, inside its own title), not "Adam turn", not "tables" or "celebrate".
    assert found == ["100 episodes"]


def test_a_title_names_its_own_show():
    assert set(show_names(*PRACTICAL_AI)) == {"Practical AI"}
    assert show_names("Welcome to The Changelog", "") == ["The Changelog"]
    assert show_names("Cold starts and costs", "We talk cold starts.") == []


def test_the_occasion_is_kept_when_the_talk_says_it_in_words():
    assert milestone(*PRACTICAL_AI) == "100 episodes"
    assert milestone("Episode 42: Cold starts", "") == ""  # a number, not an occasion
    (check,) = check_promises(
        ["100 episodes"], _said("So one, congrats on a hundred episodes.", "Here's to the next 100 episodes.")
    )
    assert check.delivered
    assert check.where_seconds == 0.0


def test_a_title_copied_whole_is_no_promise_and_leaves_nothing_to_judge():
    found = promises("10 things we wish we knew before starting a podcast", "", ENGLISH_STOP_WORDS_PLUS)
    assert found == []  # not the title, not "wish" or "starting"
    result = verdict([], ["audio editing software", "social media platform"])
    assert result.verdict == (
        "Nothing to judge: the title and description make no claim about the talk to check. "
        "It covers audio editing software and social media platform."
    )


def test_it_covers_names_topics_a_sentence_can_hold():
    checks = [
        PromiseCheck(promise="100 episodes", delivered=True, where_seconds=0.0),
        PromiseCheck(promise="podcast's audience", delivered=True, where_seconds=3.0),
    ]
    result = verdict(checks, ["computer vision", "natural language processing", "deep learning"])
    # No occasion after "covers", a possessive with its article, then the episode's own topics.
    assert result.verdict.endswith(
        "It covers the podcast's audience, computer vision and natural language processing."
    )


# --- statements ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # What the old tl;dr and conclusion of Practical AI #100 showed.
        "New stuff in agriculture or other areas, as AI kind of gets hopefully democratized.",
        "When we were starting AI, it was still very young and cool, and most organizations didn't have that.",
        "Ever since that point, it seems like we've always had it in the back of our mind.",
        "All of us that are doing this - we have day jobs.",
        "I know for ours, we have a house full of dogs, and a young daughter, and that can be pretty challenging.",
        "Of that, a lot of people are turning back to AGI.",
        "Most likely, it's just third-party JavaScript library, which means that it's not a bundle.",
        "We were talking to Scott yesterday, and he was talking about one of the medical companies.",
        "If you're interested in any kind of reporting, give us some ideas of the types of apps people build.",
        "H2O Wave, we've seen, like, web applications that only software engineers could build.",
        "What takes even more time If you do every single episode by itself.",
        "On this episode, we'll talk about H2O Wave, one of these excellent dashboard frameworks.",
        "Heroku and we plan to also add for AWS EC2 or Linode or whatever and.",
        "Do we need a podcast trailer?",
        "If we look over here at H2O Wave, the headline is Make AI Apps.",
        "The biggest differentiator is that H2O Wave has most features, let's say, most widgets to use.",
        "If you combine that with obviously other aspects, like generative adversarial networks.",
        "UI definitely what I would pick these days.",
        "You're just like @Azure, @sentry, @whoever, and then you get information back.",
        "Creating good audio is key because no matter how good the content is, if your audio quality isn't good.",
    ],
)
def test_asides_anecdotes_and_clauseless_openings_are_no_statement(sentence):
    assert not states_a_fact(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "We're seeing deep learning models and architectures deployed in many different areas.",
        "For all the models in the Azure Open AI service, detections are on by default.",
        "Recently, a host of excellent dashboard frameworks have come along to turn visuals into apps.",
        "Wave server keeps an open WebSocket connection with the browser to push updates in real time.",
        "Data transfer between regions is the hidden cost that nobody puts in the spreadsheet.",
    ],
)
def test_a_plain_statement_of_the_talk_is_one(sentence):
    assert states_a_fact(sentence)


def test_a_lead_in_needs_a_clause_of_its_own_after_it():
    assert opens_on_a_clause("In computer vision, models are fairly commoditized now.")
    assert not opens_on_a_clause("New stuff in agriculture or other areas, as AI gets democratized.")
    assert not opens_on_a_clause("Thankfully, I don't think either one of us needed it at the same time.")


# --- the summary -----------------------------------------------------------------------------------

# An hour of a show like Practical AI: four parts on their subjects, and a closing part that ends in
# thanks and talk about the hosts' lives (what the old conclusion picked).
PARTS = [
    [
        "Congrats on a hundred episodes, everybody.",
        "Facial recognition systems are now deployed at airports and in many city centres.",
        "Facial recognition raised hard questions about consent and about who owns the images.",
        "Regulators in Europe answered facial recognition with GDPR and its rules on biometric data.",
        "GDPR makes every company explain what personal data its models were trained on.",
        "The fines under GDPR pushed many teams to delete data they could not justify keeping.",
        "Ethical data science starts with asking whether a model should be built at all.",
        "Regulation always arrives years after a technology is already part of daily life for millions.",
    ],
    [
        "Natural language processing changed more in three years than in the twenty before.",
        "Transformer models made natural language processing work for languages with little data.",
        "Natural language processing now powers search, translation and support chat at most companies.",
        "Open models let small teams fine-tune natural language processing for their own domain.",
        "Speech recognition improved together with natural language processing because both use transformers.",
        "Benchmarks for natural language processing leak into training data, so scores overstate progress.",
        "Research moved faster in three years than most researchers expected it to move in ten.",
    ],
    [
        "Drug discovery is where deep learning surprised the researchers the most.",
        "Protein structure prediction cut the time of a drug discovery project from years to months.",
        "Deep learning models screen millions of molecules before a chemist runs a single experiment.",
        "Drug discovery still needs wet labs, because a predicted molecule can fail in the body.",
        "Pharmaceutical companies now hire machine learning teams next to their chemists.",
        "Deep learning for drug discovery depends on shared datasets that few companies publish.",
        "Pharmaceutical research budgets moved from chemistry labs towards computing and data teams.",
    ],
    [
        "Interpretable machine learning lets a doctor see why a model flagged a scan.",
        "Interpretable machine learning matters most where a wrong answer harms a person.",
        "Simple models with interpretable machine learning methods often match deep networks on tabular data.",
        "Regulators increasingly ask for interpretable machine learning in lending and in hiring.",
        "The next years of AI will be about trust more than about accuracy.",
        "Deep learning and interpretable machine learning are converging as tools explain large models.",
    ],
    [
        "Thanks so much to everyone who listened to all of these episodes.",
        "All of us that are doing this - we have day jobs.",
        "I know for ours, we have a house full of dogs, and a young daughter, and that can be pretty challenging.",
        "Ethical data science will matter more as models reach every part of daily life.",
        "Interpretable machine learning is what will make doctors and judges trust these systems.",
        "Natural language processing will keep getting cheaper, so the hard part becomes deciding what to build.",
    ],
]
SPEAKERS = ["Chris Benson", "Daniel Whitenack"]
TOPICS = [
    "facial recognition",
    "gdpr",
    "natural language processing",
    "drug discovery",
    "deep learning",
    "interpretable machine learning",
    "ethical data science",
]


@pytest.fixture(scope="module")
def hour() -> tuple[Summary, Transcript]:
    segments = []
    at = 0.0
    for part in PARTS:
        for n, line in enumerate(part):
            segments.append(Segment(start=at, end=at + 44.0, speaker=SPEAKERS[n % 2], text=line))
            at += 45.0
    transcript = Transcript(segments=segments, source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER))
    feed = Feed(feed_id="f", url="https://podcast.example/feed.xml", title="Changelog Master Feed")
    episode = Episode(episode_id="e", feed_id="f", title=PRACTICAL_AI[0], description=PRACTICAL_AI[1])
    return ExtractiveSummarizer(target_section_seconds=270.0).summarize(feed, episode, transcript), transcript


def test_quick_takes_judges_the_occasion_and_names_the_topics(hour):
    summary, transcript = hour
    assert [p.promise for p in summary.quick_takes.promises] == ["100 episodes"]
    assert quality_overview.junk_promises(summary, transcript) == []
    verdict_text = summary.quick_takes.verdict
    assert "Practical AI" not in verdict_text
    assert "Adam" not in verdict_text
    assert "It covers" in verdict_text
    covers = verdict_text.split("It covers ", 1)[1].rstrip(".")
    assert not any(non_topic(t) for t in covers.replace(" and ", ", ").split(", "))


def test_the_one_sentence_names_who_and_topics_a_listener_would_call_topics(hour):
    summary, _ = hour
    one = summary.one_sentence_summary
    # Who, what, and why this episode: the occasion its title promised, which the talk keeps.
    assert one.startswith(
        ("To mark 100 episodes, Chris Benson and Daniel Whitenack", "To mark 100 episodes, Daniel")
    )
    topics = one_sentence_topics(one)
    assert len(topics) == 3
    assert all(" " in t or t.isupper() for t in topics), topics  # "natural language processing", "GDPR"
    assert not any(non_topic(t) for t in topics)


def test_the_tldr_states_one_fact_per_main_topic_in_the_order_said(hour):
    summary, transcript = hour
    lead, *gist = quality_overview.sentences(summary.tldr)
    # The lead is built from the episode's structure (its main topics in the order said); the statements
    # after it are the talk's own lines.
    assert lead.startswith("The talk opens on "), lead
    assert sum(t in lead.casefold() for t in TOPICS) >= 3, lead
    assert 3 <= len(gist) <= 5
    assert not any(quality_overview.is_no_statement(s) for s in gist), gist
    lines = [s.text for s in transcript.segments]
    where = [lines.index(s) for s in gist]
    assert where == sorted(where)
    assert len({w // 6 for w in where}) >= 3  # three parts of the talk, not one
    # Each sentence on a main topic of its own, not the strongest lines wherever they are.
    said = [[t for t in TOPICS if t in s.casefold()] for s in gist]
    assert all(said), said
    assert len({t[0] for t in said}) == len(gist)
    assert len(gist) >= 4  # the hour has five main topics: the gist follows most of them


def test_the_conclusion_closes_on_the_last_quarter_without_its_chatter(hour):
    summary, _ = hour
    closing = quality_overview.sentences(summary.conclusion)
    assert closing
    assert not any(quality_overview.is_no_statement(s) for s in closing), closing
    lines = [line for part in PARTS for line in part]
    assert all(lines.index(s) >= 0.75 * len(lines) for s in closing), closing  # the talk's last quarter
    assert "day jobs" not in summary.conclusion
    assert "dogs" not in summary.conclusion


def test_the_overview_metrics_count_what_the_old_summary_showed():
    summary = Summary(
        episode_id="e",
        feed_id="f",
        podcast_title="Changelog Master Feed",  # the show inside its title: only its possessive gives it away
        episode_title=PRACTICAL_AI[0],
        quick_takes=ClickbaitVerdict(
            is_clickbait=False,
            verdict="Our analysis suggests that the episode is not clickbait. It covers Practical AI's.",
            promises=[
                PromiseCheck(promise="Practical AI's", delivered=True, where_seconds=0.0),
                PromiseCheck(promise="Adam turn", delivered=False, where_seconds=None),
                PromiseCheck(promise="100 episodes", delivered=True, where_seconds=3.0),
            ],
        ),
        one_sentence_summary="Chris Benson talks about recognition.",
        tldr="New stuff in agriculture or other areas, as AI kind of gets hopefully democratized. "
        "We're seeing deep learning models deployed in many different areas.",
        conclusion="All of us that are doing this - we have day jobs. "
        "Interpretable machine learning is what will make doctors trust these systems.",
        key_ideas=[],
        lessons=[],
        in_depth=[],
        provenance=Provenance(transcript_source="test", summarizer="test"),
    )
    segments = [Segment(start=0.0, end=1.0, speaker="Adam Stacoviak", text="Hello.")]
    transcript = Transcript(segments=segments, source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER))
    assert quality_overview.junk_promises(summary, transcript) == ["Practical AI's", "Adam turn"]
    assert quality_overview.no_statements(summary) == {
        "tldr": ["New stuff in agriculture or other areas, as AI kind of gets hopefully democratized."],
        "conclusion": ["All of us that are doing this - we have day jobs."],
    }


def test_english_rules_do_not_turn_down_another_languages_statements():
    # German "Also, …" is "So, …" and "I" is no word of it: the English gist rules must not apply.
    lines = [
        "Also, Kaltstarts entstehen, wenn die Plattform eine neue Umgebung für die Funktion anlegt.",
        "Also, große Pakete machen den Kaltstart der Funktion deutlich langsamer als kleine Pakete.",
        "Also, bereitgestellte Parallelität hält mehrere Umgebungen warm und bereit für neue Anfragen.",
        "Also, die Kosten hängen von der Laufzeit und vom Speicher der Funktion ab, nicht vom Leerlauf.",
        "Also, mehr Speicher bringt auch mehr Rechenleistung, deshalb kann die Funktion billiger werden.",
        "Also, verteiltes Tracing zeigt, welche Datenbankabfrage die meiste Zeit der Anfrage kostet.",
    ] * 3
    segments = [Segment(start=i * 40.0, end=i * 40.0 + 39, text=t) for i, t in enumerate(lines)]
    transcript = Transcript(
        language="de", segments=segments, source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER)
    )
    feed = Feed(feed_id="f", url="https://podcast.example/feed.xml", title="Serverless Funk", language="de")
    episode = Episode(episode_id="e", feed_id="f", title="Kaltstarts und Kosten", description="")
    summary = ExtractiveSummarizer().summarize(feed, episode, transcript)
    gist = quality_overview.sentences(summary.tldr)
    assert len(gist) >= 2
    assert all(s in lines for s in gist)
    assert all(s.startswith("Also,") for s in gist)
