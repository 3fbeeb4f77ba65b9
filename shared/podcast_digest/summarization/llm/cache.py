"""Finished model answers kept in the blob store, so a retry or re-run never pays for them twice.

A section's notes live at `cache/llm-sections/<episode_id>/<hash>.json`, the
hash taken over the section's text as sent (with the title and promises it is
checked against), the model and the prompt version: the same words under the
same model and prompt give the same notes. The reduce
answer is kept beside them under `reduce-<hash>.json`, hashed over its whole
input. What was billed for an answer is stored with it, so a summary made
partly from the cache still reports what it cost to make.

The cache is ours but its contents derive from hostile transcripts: entries
are validated on read, and one that does not validate is treated as missing.
"""

import hashlib
import json
import logging
import re
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from podcast_digest.errors import NotFoundError
from podcast_digest.ports import BlobStore
from podcast_digest.summarization.llm.pricing import Usage
from podcast_digest.summarization.llm.prompts import PROMPT_VERSION

log = logging.getLogger(__name__)

PREFIX = "cache/llm-sections"

Answer = TypeVar("Answer", bound=BaseModel)


class CachedAnswer(BaseModel, Generic[Answer]):
    answer: Answer
    usage: Usage
    model: str
    prompt_version: str


def cache_hash(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()[:32]


def _safe(episode_id: str) -> str:
    # Episode ids are hex, but a key must stay one path segment whatever it holds.
    return episode_id if re.fullmatch(r"[A-Za-z0-9_-]{1,128}", episode_id) else cache_hash(episode_id)


class AnswerCache:
    """The cache of one episode's answers for one model; a no-op without a blob store."""

    def __init__(self, blobs: BlobStore | None, episode_id: str, model: str) -> None:
        self._blobs = blobs
        self._folder = f"{PREFIX}/{_safe(episode_id or 'unknown')}"
        self._model = model

    @property
    def enabled(self) -> bool:
        return self._blobs is not None

    def section_key(self, section_text: str, *context: str) -> str:
        """The key of a section's notes; `context` is the rest of what the prompt carries (title, promises)."""
        return f"{self._folder}/{cache_hash(section_text, *context, self._model, PROMPT_VERSION)}.json"

    def reduce_key(self, reduce_input: str) -> str:
        return f"{self._folder}/reduce-{cache_hash(reduce_input, self._model, PROMPT_VERSION)}.json"

    def get(self, key: str, answer: type[Answer]) -> tuple[Answer, Usage] | None:
        if self._blobs is None:
            return None
        try:
            data = self._blobs.get_bytes(key)
        except NotFoundError:
            return None
        try:
            cached = CachedAnswer[answer].model_validate_json(data)  # type: ignore[valid-type]
        except ValidationError:
            log.warning("ignoring an unreadable cache entry %s", key)
            return None
        return cached.answer, cached.usage

    def put(self, key: str, answer: BaseModel, usage: Usage) -> None:
        if self._blobs is None:
            return
        entry = {
            "answer": answer.model_dump(mode="json"),
            "usage": usage.model_dump(mode="json"),
            "model": self._model,
            "prompt_version": PROMPT_VERSION,
        }
        self._blobs.put_bytes(key, json.dumps(entry, ensure_ascii=False).encode("utf-8"), "application/json")
