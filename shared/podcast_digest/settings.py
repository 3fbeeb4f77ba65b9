"""Settings: the one place that reads the environment (and an optional TOML file).

Precedence, highest first: explicit arguments (the CLI's --home/--config),
environment variables (PODCAST_DIGEST_*), the TOML config file, defaults.
The defaults are the embedded, offline product: SQLite, a folder, an outbox,
publisher transcripts or the offline engine, and the extractive summarizer.
"""

import difflib
import ipaddress
import tomllib
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from podcast_digest.errors import ConfigurationError


class RecordsBackend(StrEnum):
    SQLITE = "sqlite"
    DYNAMODB = "dynamodb"


class BlobsBackend(StrEnum):
    FOLDER = "folder"
    S3 = "s3"


class MailerBackend(StrEnum):
    OUTBOX = "outbox"
    SMTP = "smtp"
    SES = "ses"


class TranscriberChoice(StrEnum):
    AUTO = "auto"  # OpenAI when a key is set, else the offline engine
    OFFLINE = "offline"
    OPENAI = "openai"
    TRANSCRIBE = "transcribe"


class SummarizerChoice(StrEnum):
    AUTO = "auto"  # the LLM when a key or base URL is set, else extractive
    EXTRACTIVE = "extractive"
    LLM = "llm"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PODCAST_DIGEST_", extra="ignore", toml_file=None)

    home: Path = Field(Path(".podcast-digest"), description="folder for the database, blobs and outbox")

    records: RecordsBackend = RecordsBackend.SQLITE
    blobs: BlobsBackend = BlobsBackend.FOLDER
    mailer: MailerBackend = MailerBackend.OUTBOX
    transcriber: TranscriberChoice = TranscriberChoice.AUTO
    summarizer: SummarizerChoice = SummarizerChoice.AUTO

    # Email
    sender: str = "digest@localhost.localdomain"
    sender_name: str = "Podcast Digest"
    public_base_url: str | None = Field(None, description="where full summaries and unsubscribe links live")
    operator_address: str | None = Field(
        None,
        description="who a recipient writes to to stop their mail when there is no web endpoint "
        "(without it the digest says to reply to the sender)",
    )
    smtp_host: str = "localhost"
    smtp_port: int = Field(587, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = True
    smtp_timeout_seconds: float = Field(30.0, gt=0)
    token_secret: SecretStr | None = Field(
        None, description="signs confirm/unsubscribe links; locally one is generated into home on first use"
    )
    token_secret_name: str | None = Field(
        None, description="Secrets Manager secret whose JSON holds token_secret (the AWS stack makes one)"
    )

    # Fetching untrusted URLs
    allow_loopback: bool = Field(False, description="allow fetching 127.0.0.1/::1: local testing only")
    allow_local_files: bool = Field(True, description="allow feeds given as local file paths (CLI)")
    user_agent: str = "PodcastDigest/0.1 (+https://github.com/podcast-digest)"
    connect_timeout_seconds: float = Field(10.0, gt=0, le=600)
    read_timeout_seconds: float = Field(30.0, gt=0, le=600)
    max_feed_bytes: int = Field(20 * 1024 * 1024, ge=1024)
    max_transcript_bytes: int = Field(20 * 1024 * 1024, ge=1024)
    max_audio_bytes: int = Field(1024 * 1024 * 1024, ge=1024)
    max_redirects: int = Field(5, ge=0, le=20)
    poll_concurrency: int = Field(16, ge=1, le=256)
    poll_per_host: int = Field(2, ge=1, le=64)
    min_transfer_bytes_per_second: int = Field(
        32 * 1024,
        ge=1,
        description="a body arriving slower than this on average (after transfer_grace_seconds) is cut off; "
        "with the size cap it sets every fetch's overall deadline",
    )
    transfer_grace_seconds: float = Field(20.0, gt=0, le=600, description="time a body may take to get going")
    max_retry_after_seconds: float = Field(
        60.0,
        ge=0,
        le=3600,
        description="the longest a run sleeps for a server's Retry-After; a longer wait is left to a later run",
    )

    # Destinations (Slack, Discord, JSON webhooks)
    destination_timeout_seconds: float = Field(
        15.0, gt=0, le=300, description="the longest one post to a destination may take, its answer included"
    )
    destination_parameter_path: str | None = Field(
        None,
        description="SSM path under which the AWS stack keeps destination URLs as SecureString "
        "(default /podcast-digest/<table_name>/destinations)",
    )

    # Engines
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_max_concurrency: int = Field(8, ge=1, le=256)
    transcription_model: str = "gpt-4o-mini-transcribe"
    whisper_model_path: Path | None = Field(
        None, description="a faster-whisper model folder; default: tiny.en"
    )

    # Pipeline
    max_attempts: int = Field(3, ge=1, description="runs that may retry a failed episode")
    publisher_transcript_attempts: int = Field(
        3,
        ge=1,
        le=20,
        description="tries at a publisher transcript that fails transiently (5xx, timeout, throttled) "
        "before the audio is transcribed instead, at a cost",
    )
    max_new_episodes_per_feed: int = Field(
        1, ge=1, description="on a feed's first poll, only this many newest episodes are processed"
    )

    # Cost (podcast_digest/costs; `podcast-digest costs`)
    monthly_budget_usd: float | None = Field(
        None,
        ge=0,
        description="install-wide cap on paid speech to text and LLM spend per calendar month (UTC); "
        "unset: no cap. Per feed: `podcast-digest costs budget FEED AMOUNT`",
    )
    budget_fallback_offline: bool = Field(
        False,
        description="over budget, use the offline engines (faster-whisper, extractive) instead of waiting",
    )

    # AWS
    aws_region: str | None = Field(None, validation_alias="AWS_REGION")
    table_name: str | None = None
    bucket_name: str | None = None
    state_machine_arn: str | None = None
    ses_configuration_set: str | None = None
    secret_name: str | None = None
    poll_queue_url: str | None = Field(
        None, description="SQS queue the poll_feeds schedule fans due feeds out to"
    )
    poll_batch_size: int = Field(25, ge=1, le=1000, description="feeds per poll_feed_batch invocation")
    transcribe_check_seconds: int = Field(
        30,
        ge=1,
        le=600,
        description="first wait for an Amazon Transcribe job; later waits double up to 10 min",
    )

    # Web (`podcast-digest serve`, the subscription API function)
    archive_public: bool | None = Field(
        None,
        description="show the archive, search and Atom feeds to anyone; unset: on when serve binds "
        "loopback, off on AWS",
    )

    @field_validator("monthly_budget_usd", mode="before")
    @classmethod
    def _empty_budget_is_none(cls, value: Any) -> Any:
        # The AWS stack passes an empty MonthlyBudgetUsd parameter for "no budget".
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("public_base_url")
    @classmethod
    def _public_links_need_https(cls, value: str | None) -> str | None:
        return checked_public_base_url(value)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config_file = _config_file_path()
        if config_file is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=config_file))
        return tuple(sources)

    @model_validator(mode="after")
    def _aws_backends_need_names(self) -> "Settings":
        if self.records is RecordsBackend.DYNAMODB and not self.table_name:
            raise ValueError("records=dynamodb needs PODCAST_DIGEST_TABLE_NAME")
        if self.blobs is BlobsBackend.S3 and not self.bucket_name:
            raise ValueError("blobs=s3 needs PODCAST_DIGEST_BUCKET_NAME")
        return self

    @property
    def database_path(self) -> Path:
        return self.home / "podcast-digest.sqlite3"

    @property
    def blob_dir(self) -> Path:
        return self.home / "blobs"

    @property
    def outbox_dir(self) -> Path:
        return self.home / "outbox"

    @property
    def llm_configured(self) -> bool:
        return self.openai_api_key is not None or self.openai_base_url is not None


_config_override: Path | None = None


def _config_file_path() -> Path | None:
    """--config wins; else podcast-digest.toml in the current folder, if present."""
    if _config_override is not None:
        return _config_override
    default = Path("podcast-digest.toml")
    return default if default.is_file() else None


def _setting_names() -> list[str]:
    return sorted(Settings.model_fields)


def _unknown_key(key: str, where: str) -> ConfigurationError:
    names = _setting_names()
    close = difflib.get_close_matches(key.lower(), names, n=1, cutoff=0.6)
    hint = (
        f"did you mean {close[0]!r}?" if close else "see shared/podcast_digest/settings.py for every setting"
    )
    return ConfigurationError(f"{where}: unknown setting {key!r}: {hint}")


def check_config_file(path: Path) -> None:
    """Refuse a config file with a key we do not know (a typo would otherwise be ignored, silently
    sending digests to the outbox instead of SMTP) or a [section] (settings are top-level keys)."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"config file {path} cannot be read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"config file {path} is not valid TOML ({exc}): fix that line") from exc
    names = set(_setting_names())
    for key, value in document.items():
        if isinstance(value, dict):
            inside = ", ".join(sorted(value)[:5])
            raise ConfigurationError(
                f"config file {path}: sections are not read, and [{key}] holds {inside or 'nothing'}: "
                "write every setting as a top-level key (before any [section])"
            )
        if key not in names:
            raise _unknown_key(key, f"config file {path}")


def _one_line(exc: ValidationError) -> str:
    """Each problem as `name (PODCAST_DIGEST_NAME): what is wrong (got value)`, on one line."""
    problems = []
    for error in exc.errors():
        name = ".".join(str(part) for part in error["loc"]) or "settings"
        env = f" (PODCAST_DIGEST_{name.upper()})" if name in Settings.model_fields else ""
        secret = any(word in name for word in ("password", "key", "secret", "token"))
        shown = "input" in error and not isinstance(error["input"], dict) and not secret
        got = f" (got {error['input']!r})" if shown else ""
        problems.append(f"{name}{env}: {error['msg'].removeprefix('Value error, ')}{got}")
    return "; ".join(problems)


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build settings, turning validation errors into one clear ConfigurationError."""
    global _config_override
    if config_file is not None and not config_file.is_file():
        raise ConfigurationError(f"config file {config_file} does not exist: create it or drop --config")
    chosen = config_file if config_file is not None else _config_file_path()
    if chosen is not None:
        check_config_file(chosen)
    _config_override = config_file
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        raise ConfigurationError(f"invalid settings: {_one_line(exc)}") from None
    except ValueError as exc:
        raise ConfigurationError(f"invalid settings: {exc}") from None
    finally:
        _config_override = None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (Lambda handlers); tests call get_settings.cache_clear()."""
    return load_settings()


# --- the public base URL rule (web) ---------------------------------------------------------

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def is_loopback_host(host: str) -> bool:
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def checked_public_base_url(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(
            f"public_base_url {value!r} is not a web address: use https://your.domain (where serve is reachable)"
        )
    if parts.query or parts.fragment:
        raise ValueError(f"public_base_url {value!r} must not have a query or fragment")
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise ValueError(
            f"public_base_url {value!r} must use https: mail providers only honour one-click unsubscribe "
            "over HTTPS; put serve behind a reverse proxy with TLS (http is allowed for 127.0.0.1 only)"
        )
    return value.strip()
