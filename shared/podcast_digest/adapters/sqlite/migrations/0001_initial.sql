-- Schema 1: every record is stored as its model's JSON (the `body` column)
-- plus the columns that queries filter or sort on. A new optional model field
-- therefore needs no migration; a new query does.
--
-- Timestamps in indexed columns are UTC, fixed-width ISO 8601
-- ('2026-11-28T00:41:03.000000Z'), so text order is time order.
-- Runs inside one transaction: no PRAGMA statements here.

CREATE TABLE feeds (
    feed_id      TEXT PRIMARY KEY,
    url          TEXT NOT NULL,
    next_poll_at TEXT,
    body         TEXT NOT NULL
);
CREATE INDEX feeds_by_url ON feeds (url);
CREATE INDEX feeds_by_next_poll ON feeds (next_poll_at);

CREATE TABLE episodes (
    episode_id    TEXT PRIMARY KEY,
    feed_id       TEXT NOT NULL,
    status        TEXT NOT NULL,
    published_at  TEXT,
    discovered_at TEXT,
    body          TEXT NOT NULL
);
CREATE INDEX episodes_by_feed ON episodes (feed_id, published_at, discovered_at);
CREATE INDEX episodes_by_status ON episodes (status, published_at, discovered_at);

CREATE TABLE summaries (
    episode_id TEXT PRIMARY KEY,
    feed_id    TEXT NOT NULL,
    body       TEXT NOT NULL
);

CREATE TABLE subscribers (
    subscriber_id TEXT PRIMARY KEY,
    email         TEXT NOT NULL,
    status        TEXT NOT NULL,
    body          TEXT NOT NULL
);
CREATE INDEX subscribers_by_email ON subscribers (email);

-- A subscription cannot outlive its subscriber (delete_subscriber cascades)
-- nor be created for someone who is not there.
CREATE TABLE subscriptions (
    subscriber_id TEXT NOT NULL REFERENCES subscribers (subscriber_id) ON DELETE CASCADE,
    feed_id       TEXT NOT NULL,
    body          TEXT NOT NULL,
    PRIMARY KEY (subscriber_id, feed_id)
);
CREATE INDEX subscriptions_by_feed ON subscriptions (feed_id, subscriber_id);

-- The exactly-once marker. No foreign key: a marker outlives a subscriber who
-- leaves, so a re-subscribed address is never sent an old episode twice.
CREATE TABLE deliveries (
    subscriber_id TEXT NOT NULL,
    delivery_key  TEXT NOT NULL,
    status        TEXT NOT NULL,
    body          TEXT NOT NULL,
    PRIMARY KEY (subscriber_id, delivery_key)
);
