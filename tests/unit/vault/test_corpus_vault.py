"""Every episode of every real feed in the corpus, as a vault note: names every file system takes, front
matter that reads back as the feed's own words, bodies with nothing live, and nothing lost or doubled."""

import unicodedata

import pytest

from podcast_digest.digest.outline import one_line
from podcast_digest.errors import FeedError, UnsafeInputError
from podcast_digest.feeds.parse import parse_feed
from podcast_digest.vault import PlaceOutcome, VaultFolder, episode_note
from tests.support.corpus import corpus_path
from tests.support.summaries import sample_summary

from .reading import assert_inert, read_note

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

# The first episodes of each feed: every feed's quirks, in seconds rather than minutes.
PER_FEED = 12


def _corpus_episodes():
    for path in sorted(p for p in corpus_path("feeds").glob("*/*") if p.suffix in (".xml", ".rss")):
        try:
            parsed = parse_feed(path.read_bytes(), feed_url="https://example.com/feed.xml", feed_id=path.stem)
        except (FeedError, UnsafeInputError):
            continue  # refused on purpose (tests/unit/feeds/test_parse.py says which and why)
        for episode in parsed.episodes[:PER_FEED]:
            yield parsed.title, episode


def test_every_corpus_episode_becomes_one_clean_note_and_placing_again_changes_nothing(tmp_path):
    vault = VaultFolder(tmp_path)
    made = {}
    for podcast, episode in _corpus_episodes():
        summary = sample_summary(
            episode_id=episode.episode_id,
            feed_id=episode.feed_id,
            episode_title=episode.title,
            podcast_title=podcast,
            audio_url=episode.audio.url if episode.audio else None,
            in_depth=[],  # the feed's text is what is tested here, not the summary's length
        )
        note = episode_note(summary, episode, podcast)
        made[episode.episode_id] = (note, vault.place(note).path)
    assert len(made) > 150  # up to 12 from each of the corpus feeds

    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) == len(made)  # one note per episode: no two collided, none was lost
    titles = {episode.episode_id: episode.title for _, episode in _corpus_episodes()}
    for note, path in made.values():
        name = path.relative_to(tmp_path).as_posix()
        assert len(path.name.encode()) <= 255
        assert unicodedata.is_normalized("NFKC", name)
        assert not set(name) & set('<>:"\\|?*'), name
        read = read_note(path.read_text(encoding="utf-8"))
        assert read.front_matter["summary_id"] == note.summary_id
        assert read.front_matter["episode"] == one_line(titles[note.summary_id])  # the feed's words
        assert_inert(read)

    again = VaultFolder(tmp_path)
    assert {again.place(note).outcome for note, _ in made.values()} == {PlaceOutcome.UNCHANGED}
