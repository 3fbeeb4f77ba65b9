"""What a Lambda function works with beyond the pipeline's ports, and what each function needs to start.

`StackContext` carries the pipeline Context plus the stack's own
collaborators (starting executions, queueing poll batches, reading a dropped
object's metadata, starting Amazon Transcribe jobs), each behind a small
Protocol; wiring.py builds them, nothing here does. `FUNCTIONS` says which
settings each function needs and whether it may read SecretName: a handler
checks them at cold start (`cold_start`), so a stack deployed without one
fails once, saying which setting, never episode by episode.
"""

from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from podcast_digest.errors import ConfigurationError
from podcast_digest.models.steps import EpisodeRef
from podcast_digest.pipeline.context import Context
from podcast_digest.ports import Transcriber
from podcast_digest.settings import Settings, SummarizerChoice, TranscriberChoice


class ExecutionStarter(Protocol):
    def start(self, name: str, ref: EpisodeRef) -> bool:
        """True when this call started the execution; False when one of that name exists."""
        ...


class PollBatchQueue(Protocol):
    def send(self, batches: list[list[str]], scheduled_at: str) -> int: ...


class DroppedObjects(Protocol):
    def user_metadata(self, key: str) -> dict[str, str]: ...


@dataclass
class StackContext:
    pipeline: Context
    starter: ExecutionStarter | None = None
    poll_queue: PollBatchQueue | None = None
    dropped: DroppedObjects | None = None
    job_starter: Transcriber | None = None  # starts an Amazon Transcribe job instead of transcribing

    def needs_starter(self) -> ExecutionStarter:
        return _present(self.starter, "an execution starter")

    def needs_poll_queue(self) -> PollBatchQueue:
        return _present(self.poll_queue, "the poll queue")

    def needs_dropped(self) -> DroppedObjects:
        return _present(self.dropped, "the drop folder")


_T = TypeVar("_T")


def _present(value: _T | None, what: str) -> _T:
    if value is None:
        raise ConfigurationError(
            f"this function was not wired with {what}: see FUNCTIONS in lambda_support/stack.py"
        )
    return value


# Settings a function cannot start without: (settings field, environment variable the template sets).
TABLE = ("table_name", "PODCAST_DIGEST_TABLE_NAME")
BUCKET = ("bucket_name", "PODCAST_DIGEST_BUCKET_NAME")
STATE_MACHINE = ("state_machine_arn", "PODCAST_DIGEST_STATE_MACHINE_ARN")
POLL_QUEUE = ("poll_queue_url", "PODCAST_DIGEST_POLL_QUEUE_URL")
TOKEN_SECRET = ("token_secret_name", "PODCAST_DIGEST_TOKEN_SECRET_NAME")
SENDER = ("sender", "PODCAST_DIGEST_SENDER")


@dataclass(frozen=True)
class FunctionNeeds:
    """What one function needs; the matching collaborators are wired only when it needs them."""

    settings: tuple[tuple[str, str], ...]
    starter: bool = False
    poll_queue: bool = False
    dropped: bool = False
    job_starter: bool = False
    secret_for: frozenset[str] = field(default_factory=frozenset)  # engines that read SecretName here

    def reads_secret(self, settings: Settings) -> bool:
        """Only a step that calls a model may read the secret, and only when its engine needs a key."""
        transcriber = "transcriber" in self.secret_for and settings.transcriber in _KEYED_TRANSCRIBERS
        summarizer = "summarizer" in self.secret_for and settings.summarizer in _KEYED_SUMMARIZERS
        return bool(settings.secret_name) and (transcriber or summarizer)


_KEYED_TRANSCRIBERS = {TranscriberChoice.OPENAI, TranscriberChoice.AUTO}
_KEYED_SUMMARIZERS = {SummarizerChoice.LLM, SummarizerChoice.AUTO}

FUNCTIONS: dict[str, FunctionNeeds] = {
    "start_pipeline": FunctionNeeds((TABLE, BUCKET, STATE_MACHINE), starter=True, dropped=True),
    "transcribe": FunctionNeeds((TABLE, BUCKET), job_starter=True, secret_for=frozenset({"transcriber"})),
    "check_transcription": FunctionNeeds((TABLE, BUCKET)),
    "summarize": FunctionNeeds((TABLE, BUCKET), secret_for=frozenset({"summarizer"})),
    "notify": FunctionNeeds((TABLE, BUCKET, SENDER, TOKEN_SECRET)),
    "mark_failed": FunctionNeeds((TABLE,)),
    "poll_feeds": FunctionNeeds((TABLE, POLL_QUEUE), poll_queue=True),
    "poll_feed_batch": FunctionNeeds((TABLE, BUCKET)),  # writes manifests; their S3 events start executions
    "subscription_api": FunctionNeeds((TABLE, BUCKET, SENDER, TOKEN_SECRET)),
    "ses_feedback": FunctionNeeds((TABLE,)),
    "roundup": FunctionNeeds((TABLE, BUCKET, SENDER, TOKEN_SECRET)),
}


def check_configuration(function: str, settings: Settings) -> None:
    """Raise one ConfigurationError naming what this function lacks (a setting, or a parameter to set)."""
    needs = FUNCTIONS[function]
    for name, variable in needs.settings:
        if not getattr(settings, name):
            raise ConfigurationError(
                f"{function}: {variable} is not set (template.yaml passes it to this function)"
            )
    if "transcriber" in needs.secret_for and settings.transcriber is TranscriberChoice.OPENAI:
        _keyed(function, settings, "TranscriberEngine=openai")
    if "summarizer" in needs.secret_for and settings.summarizer is SummarizerChoice.LLM:
        _keyed(function, settings, "SummarizerEngine=llm")


def _keyed(function: str, settings: Settings, choice: str) -> None:
    if not (settings.secret_name or settings.llm_configured):
        raise ConfigurationError(
            f"{function}: {choice} needs SecretName, a secret holding "
            '{"openai_api_key": "sk-..."} (or "openai_base_url"); set it or choose another engine'
        )
