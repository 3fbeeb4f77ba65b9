"""The search port: every summary and transcript, found by words, best match first.

Adapter: SQLite FTS5 beside the records (adapters/sqlite/search.py). On AWS the
stack has no full-text index (see docs/web.md): the port is optional and a
context without one serves the archive without search.
"""

from typing import Literal, Protocol

from pydantic import Field

from podcast_digest.models.base import DomainModel

PassageKind = Literal["summary", "transcript"]


class Passage(DomainModel):
    """A piece of an episode's text that a hit can point to: the summary, or a stretch of the transcript."""

    kind: PassageKind
    text: str
    start_seconds: float | None = Field(None, ge=0, description="where a transcript passage starts")


class SearchDocument(DomainModel):
    """Everything searchable about one episode; indexing it again replaces what was there."""

    episode_id: str
    feed_id: str
    title: str
    passages: list[Passage]


class SnippetPart(DomainModel):
    text: str
    marked: bool = Field(description="one of the words searched for")


class SearchHit(DomainModel):
    episode_id: str
    feed_id: str
    kind: PassageKind
    title: str
    start_seconds: float | None = None
    snippet: list[SnippetPart]


class SearchIndex(Protocol):
    def index_episode(self, document: SearchDocument) -> None: ...
    def indexed_episode_ids(self) -> set[str]: ...
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Best first. Words are matched as words (no query syntax); an empty query finds nothing."""
        ...
