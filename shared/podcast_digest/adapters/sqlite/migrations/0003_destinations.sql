-- Schema 3: destinations beyond email (Slack, Discord, JSON webhooks, folders).
-- The body is the Destination's JSON with its target (a webhook URL) and signing secret:
-- this file is the operator's own, like the SMTP password in their config.
-- Deliveries to a destination are rows in `deliveries` under subscriber_id 'destination-<id>'.

CREATE TABLE destinations (
    destination_id TEXT PRIMARY KEY,
    created_at TEXT,
    body TEXT NOT NULL
);
