"""Finished answers are kept in the blob store under the episode, keyed by text, model and prompt version."""

from podcast_digest.adapters.folder_blobs import FolderBlobStore
from podcast_digest.summarization.llm.cache import PREFIX, AnswerCache
from podcast_digest.summarization.llm.pricing import Usage
from podcast_digest.summarization.llm.schemas import NoteLesson, SectionNotes

NOTES = SectionNotes(
    heading="Ownership in Rust",
    key_ideas=["Every value has one owner."],
    lessons_heading="Lessons on ownership",
    lessons=[NoteLesson(title="Borrow, don't copy", explanation="Borrowing avoids needless copies.")],
    quote_candidates=["Let me explain ownership."],
    promises_addressed=[1],
)
USAGE = Usage(input_tokens=900, output_tokens=200, calls=1)


def test_a_stored_section_comes_back_with_what_it_cost(tmp_path):
    cache = AnswerCache(FolderBlobStore(tmp_path), "ep1", "gpt-4o-mini")
    key = cache.section_key("[0:00] Ann: text")
    assert key.startswith(f"{PREFIX}/ep1/")
    assert key.endswith(".json")
    assert cache.get(key, SectionNotes) is None
    cache.put(key, NOTES, USAGE)
    assert cache.get(key, SectionNotes) == (NOTES, USAGE)


def test_another_model_or_text_misses_the_cache(tmp_path):
    blobs = FolderBlobStore(tmp_path)
    mini, big = AnswerCache(blobs, "ep1", "gpt-4o-mini"), AnswerCache(blobs, "ep1", "gpt-4o")
    assert mini.section_key("text") != big.section_key("text")
    assert mini.section_key("text") != mini.section_key("text!")
    assert mini.reduce_key("text") != mini.section_key("text")


def test_a_corrupt_entry_is_treated_as_missing(tmp_path):
    blobs = FolderBlobStore(tmp_path)
    cache = AnswerCache(blobs, "ep1", "gpt-4o-mini")
    key = cache.section_key("text")
    blobs.put_bytes(key, b'{"answer": {"heading": 3}}')
    assert cache.get(key, SectionNotes) is None


def test_an_unsafe_episode_id_stays_one_path_segment(tmp_path):
    key = AnswerCache(FolderBlobStore(tmp_path), "../../etc/passwd", "m").section_key("t")
    assert key.count("/") == 3
    assert ".." not in key


def test_without_a_blob_store_nothing_is_cached():
    cache = AnswerCache(None, "ep1", "m")
    cache.put(cache.section_key("t"), NOTES, USAGE)
    assert cache.get(cache.section_key("t"), SectionNotes) is None


def test_new_show_notes_make_new_section_notes(tmp_path):
    cache = AnswerCache(FolderBlobStore(tmp_path), "ep1", "gpt-4o-mini")
    assert cache.section_key("text", "Title", "promise one") != cache.section_key(
        "text", "Title", "promise two"
    )
