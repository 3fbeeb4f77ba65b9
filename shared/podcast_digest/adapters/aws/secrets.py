"""Secrets for the settings (the OpenAI key, SMTP credentials) from Secrets Manager or SSM.

Read through Powertools Parameters, which caches each value for `max_age`
seconds, so a warm Lambda asks once per five minutes, not once per event.
The secret is a JSON object whose keys are settings names, in either form:
`{"openai_api_key": "sk-..."}` or `{"PODCAST_DIGEST_OPENAI_API_KEY": "sk-..."}`.
A name starting with "/" is an SSM SecureString parameter; anything else a
Secrets Manager secret.
"""

from typing import Any

from pydantic import ConfigDict, SecretStr, ValidationError

from podcast_digest.adapters.aws import instrumentation
from podcast_digest.errors import ConfigurationError
from podcast_digest.models.base import DomainModel
from podcast_digest.settings import Settings

CACHE_SECONDS = 300
_PREFIX = "podcast_digest_"


class SecretSettings(DomainModel):
    """The settings a secret may carry; anything else in it is refused by name."""

    model_config = ConfigDict(extra="forbid")

    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    token_secret: SecretStr | None = None  # signs subscription links (podcast_digest.subscriptions)


def with_secrets(settings: Settings, max_age: int = CACHE_SECONDS) -> Settings:
    """The settings with the values of `settings.secret_name` applied (unchanged when no secret is named)."""
    if not settings.secret_name:
        return settings
    raw = _fetch(settings.secret_name, max_age)
    if not isinstance(raw, dict):
        raise ConfigurationError(
            f"secret {settings.secret_name} is not a JSON object: store it as "
            '{"openai_api_key": "sk-..."} (see docs/deploy.md)'
        )
    names = {str(k).lower().removeprefix(_PREFIX): v for k, v in raw.items()}
    try:
        values = SecretSettings.model_validate(names)
    except ValidationError as exc:
        wrong = ", ".join(str(e["loc"][0]) for e in exc.errors() if e["loc"])
        raise ConfigurationError(
            f"secret {settings.secret_name} has keys or values that are not secret settings ({wrong}); "
            f"allowed keys: {', '.join(SecretSettings.model_fields)}"
        ) from exc
    return settings.model_copy(update=values.model_dump(exclude_none=True))


def _fetch(name: str, max_age: int) -> Any:
    from aws_lambda_powertools.utilities import parameters

    instrumentation.ready()  # Powertools makes its own client: traced like ours
    try:
        if name.startswith("/"):
            return parameters.get_parameter(name, transform="json", decrypt=True, max_age=max_age)
        return parameters.get_secret(name, transform="json", max_age=max_age)
    except parameters.exceptions.TransformParameterError as exc:
        raise ConfigurationError(f"secret {name} is not valid JSON: {exc}") from exc
    except parameters.exceptions.GetParameterError as exc:
        raise ConfigurationError(
            f"secret {name} could not be read ({exc}): check PODCAST_DIGEST_SECRET_NAME and that the "
            "function's role may read it"
        ) from exc


def forget_secrets() -> None:
    """Drop cached secret values (tests; a rotated secret is otherwise seen within CACHE_SECONDS)."""
    from aws_lambda_powertools.utilities import parameters

    parameters.clear_caches()
