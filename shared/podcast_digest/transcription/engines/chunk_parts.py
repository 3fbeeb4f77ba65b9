"""Finished speech-to-text chunks of one episode, kept in the blob store until its transcript is whole.

A long episode is transcribed over several invocations (time_budget): each
chunk's words are stored as soon as the API answers, so a later invocation,
or a retry after a crash, sends only the chunks still missing. Parts live
under `transcription-parts/<episode>/<plan>/`, where <plan> is a hash of the
model, the cutting plan and the audio key: a different plan never reuses
another's parts. They are deleted once the transcript is assembled (the
bucket's lifecycle rule expires any left behind).
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from pydantic import ValidationError

from podcast_digest.models.base import DomainModel
from podcast_digest.transcription.merge import ChunkWords, TimedWord

if TYPE_CHECKING:
    from podcast_digest.ports.blobs import BlobStore

PREFIX = "transcription-parts/"


class _StoredWord(DomainModel):
    text: str
    start: float
    end: float
    group: int
    speaker: str | None = None


class _StoredChunk(DomainModel):
    index: int
    start: float
    end: float
    timing_estimated: bool = False
    words: list[_StoredWord]


class EpisodeChunkParts:
    """The stored chunks of one episode's transcription under one plan."""

    def __init__(self, blobs: BlobStore, episode_id: str, *plan: object) -> None:
        fingerprint = hashlib.sha256(json.dumps([str(p) for p in plan]).encode("utf-8")).hexdigest()[:16]
        self._blobs = blobs
        self.prefix = f"{PREFIX}{episode_id}/{fingerprint}/"
        self._loaded: dict[int, ChunkWords] = {}

    def _key(self, index: int) -> str:
        return f"{self.prefix}{index:05d}.json"

    def has(self, index: int) -> bool:
        """True when chunk `index` is stored and readable (it is then kept for `words`)."""
        if index in self._loaded:
            return True
        key = self._key(index)
        if not self._blobs.exists(key):
            return False
        try:
            stored = _StoredChunk.model_validate_json(self._blobs.get_bytes(key))
        except ValidationError:
            return False  # a damaged part is sent again
        if stored.index != index:
            return False
        self._loaded[index] = ChunkWords(
            stored.start,
            stored.end,
            [TimedWord(w.text, w.start, w.end, w.group, w.speaker) for w in stored.words],
            timing_estimated=stored.timing_estimated,
        )
        return True

    def words(self, index: int) -> ChunkWords:
        if not self.has(index):
            raise KeyError(index)
        return self._loaded[index]

    def save(self, index: int, said: ChunkWords) -> None:
        stored = _StoredChunk(
            index=index,
            start=said.start,
            end=said.end,
            timing_estimated=said.timing_estimated,
            words=[
                _StoredWord(text=w.text, start=w.start, end=w.end, group=w.group, speaker=w.speaker)
                for w in said.words
            ],
        )
        self._blobs.put_bytes(self._key(index), stored.model_dump_json().encode("utf-8"), "application/json")
        self._loaded[index] = said

    def stored_count(self) -> int:
        return len(self._blobs.list_keys(self.prefix))

    def discard(self) -> None:
        for key in self._blobs.list_keys(self.prefix):
            self._blobs.delete(key)
        self._loaded.clear()
