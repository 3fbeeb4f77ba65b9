"""Each function's settings are checked at cold start: a missing one is one line naming it, never a traceback later."""

import pytest

from podcast_digest.errors import ConfigurationError
from podcast_digest.lambda_support.stack import FUNCTIONS, FunctionNeeds, check_configuration
from podcast_digest.settings import Settings

STACK_SETTINGS = {
    "records": "dynamodb",
    "blobs": "s3",
    "mailer": "ses",
    "transcriber": "transcribe",
    "summarizer": "extractive",
    "table_name": "podcast-digest-DigestTable",
    "bucket_name": "podcast-digest-123456789012-eu-west-1",
    "state_machine_arn": "arn:aws:states:eu-west-1:123456789012:stateMachine:podcast-digest-pipeline",
    "poll_queue_url": "https://sqs.eu-west-1.amazonaws.com/123456789012/podcast-digest-PollQueue",
    "token_secret_name": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:token-AbCdEf",
    "sender": "digest@example.com",
}
EVERY_NEED = [
    (function, name, variable) for function, needs in FUNCTIONS.items() for name, variable in needs.settings
]


def _settings(**changes: object) -> Settings:
    return Settings.model_validate({**STACK_SETTINGS, **changes})


@pytest.mark.parametrize("function", FUNCTIONS)
def test_every_function_starts_with_what_the_template_passes(function):
    check_configuration(function, _settings())


@pytest.mark.parametrize(
    ("function", "name", "variable"), EVERY_NEED, ids=[f"{f}-{n}" for f, n, _ in EVERY_NEED]
)
def test_a_missing_setting_stops_the_cold_start_naming_its_variable(function, name, variable):
    settings = _settings().model_copy(update={name: None if name != "sender" else ""})

    with pytest.raises(ConfigurationError) as refused:
        check_configuration(function, settings)

    assert variable in str(refused.value)
    assert function in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    ("function", "changes", "parameter"),
    [
        ("transcribe", {"transcriber": "openai"}, "TranscriberEngine=openai"),
        ("summarize", {"summarizer": "llm"}, "SummarizerEngine=llm"),
    ],
)
def test_an_engine_that_needs_a_key_without_a_secret_stops_the_cold_start(function, changes, parameter):
    with pytest.raises(ConfigurationError, match="needs SecretName") as refused:
        check_configuration(function, _settings(**changes))
    assert parameter in str(refused.value)

    check_configuration(function, _settings(**changes, secret_name="podcast-digest/openai"))


def test_only_the_model_calling_steps_may_read_the_secret_and_only_for_an_engine_with_a_key():
    readers = {name for name, needs in FUNCTIONS.items() if needs.secret_for}
    assert readers == {"transcribe", "summarize"}
    keyed = _settings(secret_name="podcast-digest/openai", transcriber="openai", summarizer="llm")
    offline = _settings(secret_name="podcast-digest/openai")
    assert FUNCTIONS["transcribe"].reads_secret(keyed)
    assert FUNCTIONS["summarize"].reads_secret(keyed)
    assert not FUNCTIONS["transcribe"].reads_secret(offline)
    assert not FUNCTIONS["summarize"].reads_secret(offline)
    assert not any(needs.reads_secret(keyed) for name, needs in FUNCTIONS.items() if name not in readers)
    assert not FunctionNeeds((), secret_for=frozenset({"summarizer"})).reads_secret(
        _settings(summarizer="llm")
    )
