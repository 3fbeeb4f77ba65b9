"""Ports: the small protocols business logic sees. Each has an embedded adapter
(SQLite, a folder, an outbox) and an AWS adapter (DynamoDB, S3, SES)."""

from podcast_digest.ports.blobs import BlobStore
from podcast_digest.ports.destinations import DestinationSender
from podcast_digest.ports.engines import Summarizer, Transcriber
from podcast_digest.ports.fetcher import Fetcher, FetchResult
from podcast_digest.ports.mailer import Mailer
from podcast_digest.ports.records import (
    DeliveryStore,
    EpisodeStore,
    FeedStore,
    Records,
    SubscriberStore,
    SummaryStore,
)

__all__ = [
    "BlobStore",
    "DeliveryStore",
    "DestinationSender",
    "EpisodeStore",
    "FeedStore",
    "FetchResult",
    "Fetcher",
    "Mailer",
    "Records",
    "SubscriberStore",
    "Summarizer",
    "SummaryStore",
    "Transcriber",
]
