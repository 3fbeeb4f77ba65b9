-- Schema 4: the cost ledger. One row per episode and step (transcription, summary) with what it
-- cost, filed under the UTC month it was spent in. The monthly budget reads one month (and one
-- feed) through costs_by_month: an index range read, however many episodes the install has.

CREATE TABLE costs (
    episode_id TEXT NOT NULL,
    step       TEXT NOT NULL,
    feed_id    TEXT NOT NULL,
    month      TEXT NOT NULL,
    usd        REAL NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (episode_id, step)
);
CREATE INDEX costs_by_month ON costs (month, feed_id);
