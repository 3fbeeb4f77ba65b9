"""Adapters: the implementations behind the ports (podcast_digest.ports).

Embedded defaults for one person on one machine:
- ``sqlite.SQLiteRecords``: feeds, episodes, summaries, subscribers and
  delivery markers in one SQLite file;
- ``folder_blobs.FolderBlobStore``: audio, transcripts and pages as files
  under a folder;
- ``mail.outbox.OutboxMailer`` (``.eml`` + ``.html`` files) and
  ``mail.smtp.SMTPMailer``.

The AWS adapters (DynamoDB, S3, SES) live beside them. Every adapter of a
port passes the same contract suite in tests/contract/. Only adapters import
boto3, openai, feedparser or smtplib.
"""
