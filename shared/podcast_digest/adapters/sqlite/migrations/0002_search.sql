-- Schema 2: full-text search over every summary and transcript (SQLite FTS5).
-- One row per passage: the summary, or a cue or two (at least 5 s) of transcript.
-- Only `title` and `body` are indexed; the rest is carried for the hit's link.
-- Rebuilt from the records at any time (serve backfills what is missing).

CREATE VIRTUAL TABLE search_passages USING fts5(
    episode_id UNINDEXED,
    feed_id UNINDEXED,
    kind UNINDEXED,
    start_seconds UNINDEXED,
    title,
    body,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
