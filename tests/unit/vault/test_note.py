"""A note opens cleanly in any Markdown tool: YAML front matter, a CommonMark body with nothing live."""

from datetime import UTC, date, datetime

from podcast_digest.models import Enclosure, Episode, EpisodeType, KeyIdeaGroup, SponsorRead
from podcast_digest.vault.note import episode_note
from tests.support.summaries import sample_summary
from tests.unit.digest.hostile import IMG_IDEA, LINK_IDEA, SCRIPT_TITLE, hostile_summary

from .reading import assert_inert, obsidian_syntax, read_note

AUDIO = "https://media.example.com/workshop-hour/112-sourdough.mp3"


def _episode(**overrides) -> Episode:
    fields = {
        "episode_id": "ep-3f9a1c2b7d",
        "feed_id": "feed-8e2d41aa",
        "title": "Sourdough, Science and the Business of Bread",
        "description": "<p>Maya and Lukas on <b>starters</b>.</p>",
        "published_at": datetime(2026, 11, 20, 6, 0, tzinfo=UTC),
        "duration_seconds": 6540,
        "audio": Enclosure(url=AUDIO, mime_type="audio/mpeg"),
    }
    fields.update(overrides)
    return Episode(**fields)


def test_the_front_matter_carries_what_a_vault_sorts_and_links_by():
    summary = sample_summary(
        sponsors=[SponsorRead(sponsors=["Sentry", "Flour & Co"], start_seconds=84, end_seconds=120)]
    )
    note = read_note(episode_note(summary, _episode(), "The Workshop Hour").text)
    fm = note.front_matter
    assert fm["summary_id"] == "ep-3f9a1c2b7d"
    assert fm["podcast"] == "The Workshop Hour"
    assert fm["episode"] == summary.episode_title
    assert fm["date"] == date(2026, 11, 20)
    assert fm["duration"] == "1:48:00"
    assert fm["duration_seconds"] == 6480
    assert fm["audio_url"] == AUDIO
    assert fm["speakers"] == []  # no named speakers in the summary: nothing is guessed
    assert fm["sponsors"] == ["Sentry", "Flour & Co"]
    assert fm["tags"] == ["podcast", "podcast/the-workshop-hour"]
    assert fm["aliases"] == [summary.episode_title]


def test_timestamps_link_into_the_audio_and_the_body_is_the_house_format():
    summary = sample_summary()
    note = read_note(episode_note(summary, _episode(), "The Workshop Hour").text)
    assert_inert(note)
    stamps = [h for h in note.hrefs() if "#t=" in h]
    assert f"{AUDIO}#t=270" in stamps  # the first In-Depth part, 4:30 in
    assert f"{AUDIO}#t=2291" in stamps  # the favourite quote
    assert "[4:30]" in note.texts()
    assert note.headings()[0] == "h1 Podcast Episode Summary"
    assert "h2 📝 From the show notes" in note.headings()
    assert "Maya and Lukas on starters." in note.texts()


def test_hostile_summary_and_show_notes_stay_text():
    episode = _episode(
        title=SCRIPT_TITLE,
        description=(
            "<p>---\ntitle: pwned</p><script>alert(1)</script><p># Heading? <img src=x onerror=alert(1)></p>"
            "<p>[[Wiki link]] ![x](https://tracker.example.com/p.gif) <a href='javascript:alert(1)'>click</a></p>"
        ),
        audio=Enclosure(url="javascript:alert(1)"),
        episode_type=EpisodeType.TRAILER,
    )
    summary = hostile_summary(episode_id="ep-3f9a1c2b7d", duration_seconds=None)
    text = episode_note(summary, episode, 'Evil "Cast"\n---\n!!python/object:os.system').text
    note = read_note(text)
    assert_inert(note)
    fm = note.front_matter
    assert fm["podcast"] == 'Evil "Cast" --- !!python/object:os.system'  # folded onto one line, still data
    assert fm["episode"] == SCRIPT_TITLE
    assert fm["audio_url"] is None
    assert fm["episode_url"] is None
    assert fm["tags"] == ["podcast", "podcast/evil-cast-python-object-os-system", "trailer"]
    shown = " ".join(note.texts())
    for literal in (SCRIPT_TITLE, IMG_IDEA, LINK_IDEA, "# Not a heading <i>", "[[Wiki link]]"):
        assert literal in shown, literal
    assert "alert(1)" not in note.body.split("From the show notes", 1)[1]  # the script is dropped whole
    assert [h for h in note.headings() if h.startswith("h1 ")] == ["h1 Podcast Episode Summary"]
    assert not [h for h in note.headings() if "Heading?" in h]  # show notes never open a heading


OBSIDIAN_IDEAS = [
    "It cost $5 to start and $10 to finish",
    "%%the rest of this note is hidden%%",
    "==marked as a highlight== by the guest",
    "See [[Private note]] and ![[secret.png]], tagged #leak",
    "A block the guest named ^block-id",
]


def test_obsidian_syntax_in_a_summary_or_its_show_notes_stays_text():
    # A vault is opened in Obsidian: its comments would hide the rest of the note, its "$" pairs
    # render as math, its wikilinks and tags join notes the user never linked.
    summary = sample_summary(key_ideas=[KeyIdeaGroup(heading="Money and %%hidden%%", ideas=OBSIDIAN_IDEAS)])
    notes = "".join(f"<p>{idea}</p>" for idea in OBSIDIAN_IDEAS)
    note = read_note(episode_note(summary, _episode(description=notes), "The Workshop Hour").text)
    assert obsidian_syntax(note.body) == []
    shown = " ".join(note.texts())
    assert "Money and %%hidden%%" in shown
    for idea in OBSIDIAN_IDEAS:
        assert shown.count(idea) == 2, idea  # once as a key idea, once in the show notes


def test_a_lone_equals_or_percent_is_left_as_written():
    summary = sample_summary(one_sentence_summary="x = 5 and 50% more")
    body = episode_note(summary, _episode(), "The Workshop Hour").text
    assert "x = 5 and 50% more" in body


def test_the_same_summary_gives_the_same_bytes():
    one = episode_note(sample_summary(), _episode(), "The Workshop Hour")
    two = episode_note(sample_summary(), _episode(), "The Workshop Hour")
    assert one == two
    assert one.data == two.data
    assert one.folder == "the-workshop-hour"
    assert one.stem.startswith("2026-11-20-sourdough-science-and-the-business-of-bread")


def test_speakers_are_the_names_the_summary_carries_and_stay_data():
    # Shaped as the summary's provenance carries named speakers (each with a name and its source).
    class Named:
        def __init__(self, name: str) -> None:
            self.name = name

    summary = sample_summary()
    provenance = summary.provenance.model_copy(
        update={"speakers": [Named("Maya Okafor"), Named("Dr. Lukas: Brenner\n---"), Named("Maya Okafor")]}
    )
    note = read_note(episode_note(summary.model_copy(update={"provenance": provenance}), _episode()).text)
    assert note.front_matter["speakers"] == ["Maya Okafor", "Dr. Lukas: Brenner ---"]
