"""Where the signing key comes from locally: generated once, private to its owner, never a default."""

import stat

import pytest

from podcast_digest.errors import ConfigurationError
from podcast_digest.settings import load_settings
from podcast_digest.subscriptions.signing_key import KEY_FILE_NAME, signing_key


def test_a_local_key_is_generated_once_with_owner_only_permissions(tmp_path):
    settings = load_settings(home=tmp_path / "home")
    first = signing_key(settings)
    path = tmp_path / "home" / KEY_FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert signing_key(settings) == first
    assert len(first) >= 32


def test_a_key_file_others_can_read_is_refused(tmp_path):
    settings = load_settings(home=tmp_path)
    signing_key(settings)
    (tmp_path / KEY_FILE_NAME).chmod(0o644)
    with pytest.raises(ConfigurationError, match="chmod 600"):
        signing_key(settings)


def test_a_configured_secret_wins_and_must_be_long(tmp_path):
    assert signing_key(load_settings(home=tmp_path, token_secret="s" * 40)) == b"s" * 40
    with pytest.raises(ConfigurationError, match="shorter than 32"):
        signing_key(load_settings(home=tmp_path, token_secret="short"))
    assert not (tmp_path / KEY_FILE_NAME).exists()


def test_the_aws_stack_without_a_secret_name_refuses_rather_than_invent_a_key(tmp_path):
    settings = load_settings(home=tmp_path, records="dynamodb", table_name="t")
    with pytest.raises(ConfigurationError, match="TOKEN_SECRET_NAME"):
        signing_key(settings)
