"""Wiring: settings in, a Context of adapters out. The one place that picks adapters.

Adapters are imported only when chosen, so the Lambda layer never imports
SQLite code and a laptop never imports boto3. `build_stack_context` does the
same for a Lambda function: only the collaborators that function needs
(lambda_support/stack.py's FUNCTIONS), and the secret only where its engine
needs a key.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from podcast_digest.errors import ConfigurationError
from podcast_digest.models.destination import DestinationKind
from podcast_digest.pipeline.context import Context
from podcast_digest.ports import BlobStore, Fetcher, Mailer, Records, Summarizer, Transcriber
from podcast_digest.ports.destinations import DestinationSender
from podcast_digest.ports.host_leases import HostLeases
from podcast_digest.ports.search import SearchIndex
from podcast_digest.settings import BlobsBackend, MailerBackend, RecordsBackend, Settings, TranscriberChoice

if TYPE_CHECKING:
    from podcast_digest.lambda_support.stack import FunctionNeeds, StackContext


def build_context(settings: Settings) -> Context:
    blobs = make_blobs(settings)
    return Context(
        settings=settings,
        records=make_records(settings),
        blobs=blobs,
        mailer=make_mailer(settings),
        fetcher=make_fetcher(settings),
        transcriber_factory=lambda: make_transcriber(settings, blobs),
        summarizer_factory=lambda: make_summarizer(settings, blobs),
        search=make_search_index(settings),
        offline_transcriber_factory=lambda: make_offline_transcriber(settings, blobs),
        offline_summarizer_factory=make_offline_summarizer,
        destination_sender=make_destination_senders(settings),
    )


def build_stack_context(settings: Settings, needs: "FunctionNeeds") -> "StackContext":
    """A Lambda function's context: the pipeline's adapters plus the stack collaborators `needs` asks for."""
    from podcast_digest.lambda_support.stack import StackContext

    if needs.reads_secret(settings):
        from podcast_digest.adapters.aws.secrets import with_secrets

        settings = with_secrets(settings)
    pipeline = build_context(settings)
    stack = StackContext(pipeline=pipeline)
    if needs.starter and settings.state_machine_arn:
        from podcast_digest.adapters.aws.stepfunctions import PipelineStarter

        stack.starter = PipelineStarter(settings.state_machine_arn)
    if needs.poll_queue and settings.poll_queue_url:
        from podcast_digest.adapters.aws.sqs import FeedBatchQueue

        stack.poll_queue = FeedBatchQueue(settings.poll_queue_url)
    if needs.dropped and settings.bucket_name:
        from podcast_digest.adapters.aws.s3 import S3BlobStore

        stack.dropped = S3BlobStore(settings.bucket_name)
    if needs.job_starter and settings.bucket_name:
        from podcast_digest.lambda_support.transcription_jobs import TranscribeJobStarter

        stack.job_starter = TranscribeJobStarter(settings.bucket_name)
    return stack


def make_records(settings: Settings) -> Records:
    if settings.records is RecordsBackend.DYNAMODB:
        from podcast_digest.adapters.aws.dynamodb import DynamoDBRecords

        assert settings.table_name is not None  # the settings validator guarantees it
        return DynamoDBRecords(
            settings.table_name, destination_parameter_path=settings.destination_parameter_path
        )
    from podcast_digest.adapters.sqlite import SQLiteRecords

    settings.home.mkdir(parents=True, exist_ok=True)
    return SQLiteRecords(settings.database_path)


def make_fetcher(settings: Settings) -> Fetcher:
    """The safe fetcher, holding one of a host's shared slots per request (politeness across pollers)."""
    from podcast_digest.feeds.fetch import SafeFetcher
    from podcast_digest.feeds.host_bound import HostBoundFetcher

    return HostBoundFetcher(
        SafeFetcher(settings),
        make_host_leases(settings),
        per_host=settings.poll_per_host,
        # A lease outlives the longest fetch (SafeFetcher's deadline), then frees itself.
        lease_seconds=settings.connect_timeout_seconds + 3 * settings.read_timeout_seconds + 30,
    )


def make_host_leases(settings: Settings) -> HostLeases:
    if settings.records is RecordsBackend.DYNAMODB:
        from podcast_digest.adapters.aws.host_leases import DynamoDBHostLeases

        assert settings.table_name is not None
        return DynamoDBHostLeases(settings.table_name)
    from podcast_digest.adapters.sqlite.host_leases import SQLiteHostLeases

    return SQLiteHostLeases(settings.home / "host-leases.sqlite3")


def make_search_index(settings: Settings) -> SearchIndex | None:
    """Full-text search lives beside the SQLite records; the DynamoDB stack has none (docs/web.md)."""
    if settings.records is not RecordsBackend.SQLITE:
        return None
    from podcast_digest.adapters.sqlite.search import SQLiteSearchIndex

    return SQLiteSearchIndex(settings.database_path)


def make_blobs(settings: Settings) -> BlobStore:
    if settings.blobs is BlobsBackend.S3:
        from podcast_digest.adapters.aws.s3 import S3BlobStore

        assert settings.bucket_name is not None
        return S3BlobStore(settings.bucket_name)
    from podcast_digest.adapters.folder_blobs import FolderBlobStore

    return FolderBlobStore(settings.blob_dir)


def make_mailer(settings: Settings) -> Mailer:
    if settings.mailer is MailerBackend.SES:
        from podcast_digest.adapters.aws.ses import SESMailer

        return SESMailer(configuration_set=settings.ses_configuration_set)
    if settings.mailer is MailerBackend.SMTP:
        from podcast_digest.adapters.mail.smtp import SMTPMailer

        password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
        return SMTPMailer(
            settings.smtp_host,
            settings.smtp_port,
            username=settings.smtp_username,
            password=password,
            starttls=settings.smtp_starttls,
            timeout=settings.smtp_timeout_seconds,
        )
    from podcast_digest.adapters.mail.outbox import OutboxMailer

    return OutboxMailer(settings.outbox_dir)


def make_destination_senders(settings: Settings) -> Callable[[DestinationKind], DestinationSender]:
    """One sender per kind for the process, built on first use (a Slack sender keeps its pacing)."""
    built: dict[DestinationKind, DestinationSender] = {}

    def sender_for(kind: DestinationKind) -> DestinationSender:
        if kind not in built:
            built[kind] = make_destination_sender(settings, kind)
        return built[kind]

    return sender_for


def make_destination_sender(settings: Settings, kind: DestinationKind) -> DestinationSender:
    if kind is DestinationKind.SLACK:
        from podcast_digest.adapters.destinations.slack import SlackSender

        return SlackSender(settings)
    if kind is DestinationKind.DISCORD:
        from podcast_digest.adapters.destinations.discord import DiscordSender

        return DiscordSender(settings)
    if kind is DestinationKind.WEBHOOK:
        from podcast_digest.adapters.destinations.webhook import WebhookSender

        return WebhookSender(settings)
    try:
        from podcast_digest.vault.folder_destination import FolderSender
    except ImportError as exc:
        raise ConfigurationError(
            f"folder destinations need podcast_digest.vault, which this build lacks ({exc}): "
            "remove the folder destination or install a build with the vault"
        ) from None
    return FolderSender()


def make_transcriber(settings: Settings, blobs: BlobStore) -> Transcriber:
    from podcast_digest.transcription.engines import make_transcriber as make_engine

    return make_engine(settings, blobs)


def make_summarizer(settings: Settings, blobs: BlobStore) -> Summarizer:
    """The LLM when chosen (or a key/base URL is set under auto), else the offline extractive one."""
    from podcast_digest.costs.engines import uses_llm

    if uses_llm(settings):
        from podcast_digest.summarization.llm import LLMSummarizer

        return LLMSummarizer(settings, blobs)
    return make_offline_summarizer()


def make_offline_summarizer() -> Summarizer:
    from podcast_digest.summarization.extractive import ExtractiveSummarizer

    return ExtractiveSummarizer()


def make_offline_transcriber(settings: Settings, blobs: BlobStore) -> Transcriber:
    """faster-whisper, whatever `transcriber` says: what an over-budget episode may fall back to."""
    return make_transcriber(settings.model_copy(update={"transcriber": TranscriberChoice.OFFLINE}), blobs)
