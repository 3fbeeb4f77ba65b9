"""SQLiteSearchIndex: the search port on SQLite FTS5, in the same file as the records.

Ranking is FTS5's bm25 with the title weighted above the body; snippets come
from FTS5's snippet() with control characters as highlight markers, so the
page escapes the text itself and never trusts markup from the index. A query
is reduced to its words, each quoted, so nobody can type FTS5 syntax (NEAR,
column filters, a stray quote) into the box and get an error page.
"""

import re
import sqlite3
import threading
from pathlib import Path

from podcast_digest.adapters.sqlite.schema import migrate, shipped_migrations
from podcast_digest.ports.search import SearchDocument, SearchHit, SnippetPart

_WORD = re.compile(r"\w+", re.UNICODE)
_OPEN, _CLOSE = "\x02", "\x03"
_MARKED = re.compile(f"({_OPEN}.*?{_CLOSE})", re.DOTALL)
MAX_QUERY_WORDS = 12
PREFIX_FROM_CHARS = 4
SNIPPET_TOKENS = 24
TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0


def match_expression(query: str) -> str | None:
    """The user's words as an FTS5 query (all must appear; the last may be a prefix), or None."""
    words = _WORD.findall(query)[:MAX_QUERY_WORDS]
    if not words:
        return None
    quoted = [f'"{word}"' for word in words]
    if len(words[-1]) >= PREFIX_FROM_CHARS:
        quoted[-1] += "*"  # someone still typing the last word (short ones like "the" stay words)
    return " ".join(quoted)


def snippet_parts(snippet: str) -> list[SnippetPart]:
    parts = []
    for piece in _MARKED.split(snippet):
        if piece.startswith(_OPEN) and piece.endswith(_CLOSE):
            parts.append(SnippetPart(text=piece[1:-1], marked=True))
        elif piece:
            parts.append(SnippetPart(text=piece.replace(_OPEN, "").replace(_CLOSE, ""), marked=False))
    return parts


class SQLiteSearchIndex:
    """Passages of summaries and transcripts in an FTS5 table (migration 0002_search.sql)."""

    def __init__(self, path: Path, *, busy_timeout_seconds: float = 30.0) -> None:
        self.path = Path(path)
        self._timeout = busy_timeout_seconds
        self._local = threading.local()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        migrate(self._connection(), shipped_migrations())

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                self.path, timeout=self._timeout, isolation_level=None, check_same_thread=False
            )
            self._local.connection = connection
        return connection

    def index_episode(self, document: SearchDocument) -> None:
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute("DELETE FROM search_passages WHERE episode_id = ?", (document.episode_id,))
            connection.executemany(
                "INSERT INTO search_passages (episode_id, feed_id, kind, start_seconds, title, body) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (document.episode_id, document.feed_id, p.kind, p.start_seconds, document.title, p.text)
                    for p in document.passages
                ],
            )
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def indexed_episode_ids(self) -> set[str]:
        rows = self._connection().execute("SELECT DISTINCT episode_id FROM search_passages")
        return {row[0] for row in rows}

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        expression = match_expression(query)
        if expression is None or limit <= 0:
            return []
        rows = self._connection().execute(
            "SELECT episode_id, feed_id, kind, start_seconds, title, "
            f"snippet(search_passages, 5, '{_OPEN}', '{_CLOSE}', '…', {SNIPPET_TOKENS}) "
            "FROM search_passages WHERE search_passages MATCH ? "
            f"ORDER BY bm25(search_passages, 0, 0, 0, 0, {TITLE_WEIGHT}, {BODY_WEIGHT}) LIMIT ?",
            (expression, limit),
        )
        return [
            SearchHit(
                episode_id=episode_id,
                feed_id=feed_id,
                kind=kind,
                title=title,
                start_seconds=start,
                snippet=snippet_parts(snippet),
            )
            for episode_id, feed_id, kind, start, title, snippet in rows
        ]

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None
