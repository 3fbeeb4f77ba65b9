"""Settings: explicit values over environment over the TOML file over defaults, and clear errors."""

import pytest

from podcast_digest.errors import ConfigurationError
from podcast_digest.settings import MailerBackend, SummarizerChoice, load_settings


def test_the_defaults_are_the_embedded_offline_product():
    settings = load_settings()

    assert settings.mailer is MailerBackend.OUTBOX
    assert settings.summarizer is SummarizerChoice.AUTO
    assert not settings.llm_configured
    assert settings.database_path.name.endswith(".sqlite3")
    assert settings.allow_loopback is False


def test_the_config_file_is_read_and_the_environment_wins_over_it(tmp_path, monkeypatch):
    config = tmp_path / "podcast-digest.toml"
    config.write_text('mailer = "smtp"\nsmtp_host = "mail.example.org"\nsender = "digest@example.org"\n')
    monkeypatch.setenv("PODCAST_DIGEST_SMTP_HOST", "relay.example.org")

    settings = load_settings(config)

    assert settings.mailer is MailerBackend.SMTP
    assert settings.sender == "digest@example.org"
    assert settings.smtp_host == "relay.example.org"


def test_a_podcast_digest_toml_in_the_working_folder_is_picked_up(tmp_path):
    (tmp_path / "podcast-digest.toml").write_text("max_attempts = 5\n")

    assert load_settings().max_attempts == 5


def test_explicit_values_win_over_everything(tmp_path, monkeypatch):
    monkeypatch.setenv("PODCAST_DIGEST_HOME", str(tmp_path / "from-env"))

    assert load_settings(home=tmp_path / "explicit").home == tmp_path / "explicit"


def test_a_missing_config_file_and_a_bad_value_are_clear_errors(tmp_path, monkeypatch):
    with pytest.raises(ConfigurationError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")
    monkeypatch.setenv("PODCAST_DIGEST_MAILER", "pigeon")
    with pytest.raises(ConfigurationError, match="mailer"):
        load_settings()


def test_aws_backends_say_which_name_is_missing(monkeypatch):
    monkeypatch.setenv("PODCAST_DIGEST_RECORDS", "dynamodb")

    with pytest.raises(ConfigurationError, match="PODCAST_DIGEST_TABLE_NAME"):
        load_settings()


def test_a_typo_in_the_config_file_names_the_key_and_the_closest_valid_one(tmp_path):
    config = tmp_path / "podcast-digest.toml"
    config.write_text('mailr = "smtp"\nsmtp_host = "mail.example.org"\n')

    with pytest.raises(ConfigurationError, match=r"unknown setting 'mailr': did you mean 'mailer'\?"):
        load_settings(config)


def test_keys_under_a_section_are_an_error_not_silently_ignored(tmp_path):
    (tmp_path / "podcast-digest.toml").write_text(
        'sender = "a@example.org"\n[smtp]\nsmtp_host = "mail.example.org"\n'
    )

    with pytest.raises(ConfigurationError, match=r"sections are not read, and \[smtp\] holds smtp_host"):
        load_settings()


def test_a_key_nothing_resembles_points_at_the_settings_module(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text("zzz_qqq = 1\n")
    with pytest.raises(ConfigurationError, match=r"settings\.py"):
        load_settings(config)


def test_a_config_file_that_is_not_toml_says_so(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text("mailer = smtp\n")
    with pytest.raises(ConfigurationError, match="not valid TOML"):
        load_settings(config)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("READ_TIMEOUT_SECONDS", "-1"),
        ("CONNECT_TIMEOUT_SECONDS", "0"),
        ("SMTP_TIMEOUT_SECONDS", "0"),
        ("MAX_FEED_BYTES", "0"),
        ("POLL_CONCURRENCY", "0"),
        ("SMTP_PORT", "70000"),
        ("MIN_TRANSFER_BYTES_PER_SECOND", "0"),
        ("MAX_RETRY_AFTER_SECONDS", "-5"),
    ],
)
def test_out_of_range_values_are_one_line_naming_the_variable(monkeypatch, name, value):
    monkeypatch.setenv(f"PODCAST_DIGEST_{name}", value)

    with pytest.raises(ConfigurationError) as refused:
        load_settings()

    message = str(refused.value)
    assert f"PODCAST_DIGEST_{name}" in message
    assert "\n" not in message
