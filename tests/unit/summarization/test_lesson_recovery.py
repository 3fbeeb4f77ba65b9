"""Lessons the talk really teaches are no longer refused (issue 13, third lessons pass).

Each sentence is what a corpus speaker says (The Changelog #594, Practical AI #100, the Podcasting 2.0
example episode); beside each recovered lesson is the refusal that must stay.
"""

from podcast_digest.models import Episode, Feed, Segment, Transcript, TranscriptSource, TranscriptSourceKind
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.extractive.lesson_claims import (
    explains_straight_after,
    finished_turn,
    only_conditions,
    spoken_claim,
)
from podcast_digest.summarization.extractive.lesson_picking import _A_POSSIBILITY
from podcast_digest.summarization.extractive.lessons import (
    advice_strength,
    advice_title,
    is_hollow_title,
    rest_after_title,
)
from podcast_digest.summarization.extractive.sentences import TranscriptSentence
from podcast_digest.summarization.quality import hollow_title


def _sentence(text: str, speaker: str = "Jerod") -> TranscriptSentence:
    return TranscriptSentence(raw=text, clean=text, start=0.0, speaker=speaker, section=0, position=0)


def _summary(lines: list[tuple[str, str]], title: str = "Security in the age of AI"):
    segments = [
        Segment(start=20.0 * n, end=20.0 * n + 19, speaker=speaker, text=text)
        for n, (speaker, text) in enumerate(lines)
    ]
    transcript = Transcript(segments=segments, source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER))
    feed = Feed(feed_id="f", url="https://podcast.example/feed.xml", title="The Changelog")
    episode = Episode(episode_id="e", feed_id="f", title=title, description="")
    return ExtractiveSummarizer().summarize(feed, episode, transcript)


def _all_lessons(summary) -> dict[str, str]:
    shown = summary.lessons + [x for p in summary.in_depth for x in p.lessons]
    return {x.title: x.explanation for x in shown}


def test_a_turn_that_only_ends_on_dots_is_a_finished_sentence():
    said = "It's all mitigation, and defense in-depth, and all that kind of jazz..."
    assert finished_turn(said) == "It's all mitigation, and defense in-depth, and all that kind of jazz."
    # Cut off on a small word, or no clause without its dots: it stays as said, and explains nothing.
    for cut in ("Usually, they're mischievous, or...", "But if you think of different tools..."):
        assert finished_turn(cut) == cut
    assert finished_turn("Humans can be prompt-injected, too.") == "Humans can be prompt-injected, too."


def test_the_speakers_next_turn_explains_a_claim_though_the_transcript_ends_it_on_dots():
    lessons = _all_lessons(
        _summary(
            [
                (
                    "Mark",
                    "Red teams at Microsoft attack every model before the deployment safety board signs off.",
                ),
                (
                    "Mark",
                    "Jailbreaks and prompt injection attacks keep changing as the models get more capable.",
                ),
                ("Jerod", "Historically, with security concerns - of course, there's never a 100% solution."),
                ("Jerod", "It's all mitigation, and defense in-depth, and all that kind of jazz..."),
                (
                    "Mark",
                    "Content filters on the input and the output block most of the known attacks today.",
                ),
                ("Mark", "Metaprompts tell the model to answer only from the grounding data it is given."),
            ]
        )
    )
    assert lessons["There's never a 100% solution"] == (
        "It's all mitigation, and defense in-depth, and all that kind of jazz."
    )
    assert not any(e.endswith("...") for e in lessons.values())


def test_a_turn_that_ends_on_though_answers_the_claim_back_and_explains_nothing():
    said = "There is more organized information now though, I think..."
    assert not explains_straight_after(_sentence(said), finished_turn(said))
    assert explains_straight_after(
        _sentence("There is more organized information now."), "There is more organized information now."
    )


def test_a_how_to_step_is_advice():
    assert (
        advice_strength(
            _sentence("The other thing that you can do is provide a direct link for the episode.")
        )
        > 0
    )
    assert advice_title("The other thing that you can do is provide a direct link for the episode.") == (
        "Provide a direct link for the episode"
    )
    # A description of what someone did is still none.
    assert advice_title("The other thing that they did was provide a direct link for the episode.") == ""


def test_be_a_guest_advises_and_the_but_not_just_clause_says_which():
    said = "Be a guest on other people's podcasts, but not just anyone's podcast podcasts that have a similar target audience that you do."
    title = advice_title(said)
    assert title == "Be a guest on other people's podcasts"
    assert rest_after_title(said, title) == (
        "Not just anyone's podcast podcasts that have a similar target audience that you do."
    )
    # "Be able to …" is cut from a longer clause; a "but" that takes the advice back still refuses it.
    assert is_hollow_title("Be able to ship the episode faster")
    assert advice_title("Be a guest on other people's podcasts, but that doesn't mean you have to.") == ""


def test_every_time_is_the_condition_kept_with_the_advice():
    said = "It's a tiny thing, but every single time you open a pull request, you should probably describe what you did."
    assert advice_title(said) == "Every single time you open a pull request, describe what you did"
    # Without its condition the advice names nothing.
    assert advice_title("You should probably describe what you did.") == ""


def test_i_dont_think_you_need_to_is_the_advice_not_to():
    title, _ = spoken_claim("I don't think you need to understand every single model that is out there.")
    assert title == "You don't need to understand every single model that is out there"
    assert not hollow_title(title)  # "out there" is what exists, no pointer
    assert hollow_title("Those are the biggest two right there")
    assert hollow_title("We put the servers over there")
    # An opinion about something else is no advice; what the speaker doubts is never turned into a claim.
    assert spoken_claim("I don't think that's true for every single model that is out there.")[0] == ""


def test_advice_about_your_podcast_listeners_is_not_talk_to_this_shows_listeners():
    title, rest = spoken_claim(
        "Creating good audio is really key to keeping your podcast listeners engaged because no matter how good "
        "the content is, if your audio quality isn't good."
    )
    assert title == "Creating good audio is really key to keeping your podcast listeners engaged"
    assert rest == ""  # conditions without their main clause are no explanation
    assert spoken_claim("Listeners, this is really key to keeping the show going strong.")[0] == ""


def test_conditions_cut_from_their_main_clause_are_completed_by_the_next_sentence():
    assert only_conditions("No matter how good the content is, if your audio quality isn't good.")
    assert not only_conditions("If your audio quality isn't good, it's going to turn them away.")
    lessons = _all_lessons(
        _summary(
            [
                (
                    "Travis",
                    "Podcast listeners judge a show by its sound within the first minute of an episode.",
                ),
                (
                    "Travis",
                    "Creating good audio is really key to keeping your podcast listeners engaged because no "
                    "matter how good the content is, if your audio quality isn't good.",
                ),
                ("Travis", "It's unfortunately just going to turn them away."),
                ("Travis", "A microphone that costs less than a hundred dollars records good audio at home."),
                (
                    "Travis",
                    "Blankets and a closet full of clothes muffle the echo of a small recording room.",
                ),
            ],
            title="Podcast audio quality",
        )
    )
    assert lessons["Creating good audio is really key to keeping your podcast listeners engaged"] == (
        "No matter how good the content is, if your audio quality isn't good, it's unfortunately just going to "
        "turn them away."
    )


def test_the_lesson_counts_of_the_bench_flag_what_they_were_written_for():
    from podcast_digest.models import Lesson
    from podcast_digest.summarization.quality import score_summary

    lines = [
        ("Travis", "Podcast listeners judge a show by its sound within the first minute of an episode."),
        (
            "Travis",
            "Creating good audio is really key to keeping your podcast listeners engaged because no "
            "matter how good the content is, if your audio quality isn't good.",
        ),
        ("Travis", "It's unfortunately just going to turn them away."),
        ("Travis", "A microphone that costs less than a hundred dollars records good audio at home."),
    ]
    summary = _summary(lines, title="Podcast audio quality")
    segments = [
        Segment(start=20.0 * n, end=20.0 * n + 19, speaker=s, text=t) for n, (s, t) in enumerate(lines)
    ]
    transcript = Transcript(segments=segments, source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER))
    q = score_summary(summary, transcript)
    assert q.total("lessons_short") == 5 - len(summary.lessons)  # a short talk may show five
    assert q.total("bare_conditions") == 0
    assert q.total("lonely_lesson_groups") == sum(1 for p in summary.in_depth if len(p.lessons) == 1)
    # The explanation the caption cut before its main clause is what the count was written for.
    cut = Lesson(
        title="Creating good audio is really key to keeping your podcast listeners engaged",
        explanation="No matter how good the content is, if your audio quality isn't good.",
    )
    flagged = score_summary(summary.model_copy(update={"lessons": [cut]}), transcript)
    assert flagged.bare_conditions["lessons"] == 1
    assert flagged.lessons_short["lessons"] == 4


def test_an_activity_named_by_a_gerund_makes_a_claim():
    assert (
        spoken_claim("Trying your best doesn't always work out.")[0]
        == "Trying your best doesn't always work out"
    )
    assert (
        spoken_claim("Managing is challenging for everybody.")[0] == "Managing is challenging for everybody"
    )
    # A gerund opening a story or trailing a clause is no subject.
    assert spoken_claim("Culminating in you trying to figure out what you need to do that day.")[0] == ""
    assert (
        spoken_claim("Having seen what happened since Sunday, I have so much respect for that team.")[0] == ""
    )


def test_what_may_happen_to_the_listener_explains_but_a_view_put_in_their_mouth_does_not():
    lessons = _all_lessons(
        _summary(
            [
                ("Neha", "Open source maintainers review pull requests from strangers every single day."),
                (
                    "Neha",
                    "You've never seen the codebase, and you don't know what the norms of the project are.",
                ),
                ("Neha", "Trying your best doesn't always work out."),
                ("Neha", "You might accidentally commit a secret."),
                ("Kedasha", "Copilot can explain the norms of a repository to a first-time contributor."),
                ("Kedasha", "Secret scanning blocks a push that contains an access token before it lands."),
            ],
            title="Open source with Copilot",
        )
    )
    assert lessons["Trying your best doesn't always work out"] == "You might accidentally commit a secret."
    lessons = _all_lessons(
        _summary(
            [
                ("Neha", "Open source maintainers review pull requests from strangers every single day."),
                (
                    "Neha",
                    "You've never seen the codebase, and you don't know what the norms of the project are.",
                ),
                ("Neha", "Trying your best doesn't always work out."),
                ("Neha", "You might think that nobody ever reads the contributing guide."),
                ("Kedasha", "Copilot can explain the norms of a repository to a first-time contributor."),
                ("Kedasha", "Secret scanning blocks a push that contains an access token before it lands."),
            ],
            title="Open source with Copilot",
        )
    )
    assert "You might think that nobody ever reads the contributing guide." not in lessons.values()
    # The rule itself: what may happen passes; a view put in the listener's mouth does not.
    assert _A_POSSIBILITY.match("You might accidentally commit a secret.")
    for view in ("You might think nobody reads it.", "You may wonder why.", "You could say it's done."):
        assert not _A_POSSIBILITY.match(view), view


def test_a_verdict_of_taste_teaches_nothing():
    assert spoken_claim("The Open AI relationship's very interesting.")[0] == ""
    assert spoken_claim("Vision models are really starting to become pretty interesting.")[0] == ""
    assert (
        spoken_claim("Hallucination becomes a magnified problem.")[0]
        == "Hallucination becomes a magnified problem"
    )


def test_a_span_of_time_is_a_condition_that_names_when():
    assert not is_hollow_title(
        "In the last six months, there's been a real explosion around small language models"
    )
    assert is_hollow_title("Once that, look for the cheapest model")
    assert is_hollow_title(
        "When we realized this, there's been a real explosion around small language models"
    )


def test_them_with_what_they_are_named_before_it_is_no_pointer():
    assert not is_hollow_title("People always take technologies and most people use them for good ends")
    # Said of the subject itself, or of nothing named: a pointer still.
    assert is_hollow_title("Developers love them for good reasons")
    assert is_hollow_title("I asked them for a while")


def test_a_long_sentence_shown_cut_is_explained_by_what_it_went_on_to_say():
    said = (
        "Like every technology - people always take technologies and most people use them for good ends, and "
        "there's always a handful of actors that use it for bad ends."
    )
    lessons = _all_lessons(
        _summary(
            [
                (
                    "Daniel",
                    "GPT-3 is released through an API that governs the interaction patterns people can use.",
                ),
                ("Chris", "Governments are very interested in language models for their own ends."),
                ("Chris", said),
                ("Daniel", "Probing all of the unexpected outputs of a model this large is the hard piece."),
                ("Daniel", "Release notes for the API describe which uses of the model are not allowed."),
            ],
            title="GPT-3 and responsibility",
        )
    )
    assert lessons["People always take technologies and most people use them for good ends"] == (
        "There's always a handful of actors that use it for bad ends."
    )


def test_a_claim_the_whole_sentence_concedes_is_no_title_though_the_cut_hides_the_but():
    from podcast_digest.summarization.extractive.lesson_claims import conceded_after

    said = (
        "Because it's fine to dream a little and it's fine to speculate a bit, but for the most part, people "
        "are trying to figure it out and get work done, and I think that we actually help them get there."
    )
    assert conceded_after(said, "It's fine to dream a little and it's fine to speculate a bit")
    # A "but not just …" narrows the advice; it is not taken back.
    assert not conceded_after(
        "Be a guest on other people's podcasts, but not just anyone's podcast.",
        "Be a guest on other people's podcasts",
    )
    lessons = _all_lessons(
        _summary(
            [
                ("Chris", "Practical AI keeps its episodes about models that people can put to work."),
                ("Chris", said),
                (
                    "Chris",
                    "Speculation about the future keeps listeners curious about what models could become.",
                ),
                ("Daniel", "Useful and meaningful are the two words that keep the show on its line."),
            ],
            title="What practical means",
        )
    )
    assert not any(t.startswith("It's fine to dream") for t in lessons)
    # The title rule itself: the sentence is shown cut before its "but", and still gives no title.
    from podcast_digest.summarization.extractive.summarizer import _Run
    from podcast_digest.summarization.sections import split_sections

    segments = [Segment(start=0.0, end=19.0, speaker="Chris", text=said)]
    transcript = Transcript(segments=segments, source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER))
    feed = Feed(feed_id="f", url="https://podcast.example/feed.xml", title="Practical AI")
    episode = Episode(episode_id="e", feed_id="f", title="What practical means", description="")
    run = _Run(feed, episode, transcript, split_sections(transcript, target_seconds=270.0, max_tokens=2700))
    assert run.shown[0].startswith("It's fine to dream a little")
    assert "but" not in run.shown[0]
    assert run._lesson_title(0) == ""
    # Nor does the conceded clause, shown cut, explain another lesson.
    assert not any(e.startswith("It's fine to dream") for e in lessons.values())


def test_what_the_speaker_sees_is_the_claim():
    title, _ = spoken_claim(
        "The thing that we see is the capabilities that the frontier models have are definitely not commoditized."
    )
    assert title == "The capabilities that the frontier models have are definitely not commoditized"
    assert spoken_claim("What we've learned is that retries multiply the cost of every failure.")[0] == (
        "Retries multiply the cost of every failure"
    )
    # What was seen once is a story, not a claim.
    assert spoken_claim("The thing that we saw was a crash on the first day of the launch.")[0] == ""


def test_a_condition_before_a_list_of_steps_is_kept_with_none_of_them():
    # The example episode: "…create outlines or scripts | if you have a scripted podcast, you have to line up
    # interviews, you need to record the episode" (the caption moved the condition to the wrong line).
    said = "If you have a scripted podcast, you have to line up interviews, you need to record the episode."
    assert advice_title(said) == ""
    assert advice_title("If you have a scripted podcast, you have to write the script first.") == (
        "If you have a scripted podcast, write the script first"
    )
