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
