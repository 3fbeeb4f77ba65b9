-- Schema 5: budget holds. Before a paid engine is called, its step's estimate is held against the
-- month's budget (one row per episode and step and month), so gates that run at once count each
-- other's unpaid work. The gate reads and writes a month's holds inside one BEGIN IMMEDIATE.

CREATE TABLE budget_holds (
    month      TEXT NOT NULL,
    episode_id TEXT NOT NULL,
    step       TEXT NOT NULL,
    feed_id    TEXT NOT NULL,
    usd        REAL NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (month, episode_id, step)
);
