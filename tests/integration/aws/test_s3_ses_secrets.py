"""S3, SES and secrets under moto: what the AWS adapters add beyond the shared contracts."""

import io
import json
from email.header import Header

import pytest

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.s3 import S3BlobStore
from podcast_digest.adapters.aws.secrets import with_secrets
from podcast_digest.adapters.aws.ses import SESMailer
from podcast_digest.errors import ConfigurationError, UnsafeInputError
from podcast_digest.models import OutgoingEmail
from podcast_digest.settings import Settings
from tests.support import aws

MIB = 1024 * 1024


@pytest.fixture
def blobs(moto_stack):
    return S3BlobStore(aws.BUCKET, part_size=5 * MIB)


@pytest.fixture
def s3_calls(moto_stack):
    seen: list[str] = []
    clients.s3().meta.events.register("before-call.s3.*", lambda model, **_: seen.append(model.name))
    return seen


def test_a_large_stream_goes_up_in_parts_of_bounded_size(blobs, s3_calls):
    data = bytes(range(256)) * (12 * MIB // 256) + b"tail"

    written = blobs.put_stream("audio/f/e.mp3", io.BytesIO(data), content_type="audio/mpeg")

    assert written == len(data)
    assert s3_calls.count("UploadPart") == 3
    assert "PutObject" not in s3_calls
    assert blobs.get_bytes("audio/f/e.mp3") == data
    head = clients.s3().head_object(Bucket=aws.BUCKET, Key="audio/f/e.mp3")
    assert head["ContentType"] == "audio/mpeg"


def test_a_stream_over_its_cap_mid_upload_is_aborted_and_leaves_no_upload_behind(blobs):
    with pytest.raises(UnsafeInputError):
        blobs.put_stream("audio/f/e.mp3", io.BytesIO(b"x" * (11 * MIB)), max_bytes=7 * MIB)

    assert not blobs.exists("audio/f/e.mp3")
    assert clients.s3().list_multipart_uploads(Bucket=aws.BUCKET).get("Uploads", []) == []


def test_drop_folder_metadata_is_read_and_encoded_words_are_decoded(blobs):
    clients.s3().put_object(
        Bucket=aws.BUCKET,
        Key="incoming/Episode 12.srt",
        Body=b"x",
        Metadata={"Title": Header("Épisode 12 — café", "utf-8").encode(), "recipients": "a@example.com"},
    )

    metadata = blobs.user_metadata("incoming/Episode 12.srt")

    assert metadata == {"title": "Épisode 12 — café", "recipients": "a@example.com"}


@pytest.mark.parametrize("key", ["incoming/Episode 12 – café.srt", "incoming/with+plus & amp.vtt"])
def test_drop_folder_keys_with_spaces_and_letters_beyond_ascii_are_accepted(blobs, key):
    blobs.put_bytes(key, b"x")
    assert blobs.list_keys("incoming/") == [key]


def test_ses_refuses_an_unverified_sender_with_what_to_do(moto_stack):
    email = OutgoingEmail(
        sender="someone@unverified.example.net",
        to="listener@example.com",
        subject="s",
        text="t",
        html="<p>t</p>",
    )

    with pytest.raises(ConfigurationError, match="verified"):  # the account cannot send: not one recipient
        SESMailer().send(email)


def test_ses_sends_raw_mime_with_our_headers_through_the_configuration_set(moto_stack):
    clients.sesv2().create_configuration_set(ConfigurationSetName="digests")
    unsubscribe = "<https://digest.example.com/u?t=1>"
    email = OutgoingEmail(
        sender=aws.SENDER,
        to="listener@example.com",
        subject="Your digest",
        text="plain",
        html="<p>html</p>",
        headers={"List-Unsubscribe": unsubscribe, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )

    message_id = SESMailer(configuration_set="digests").send(email)

    (sent,) = aws.sent_messages()
    assert message_id
    assert f"List-Unsubscribe: {unsubscribe}" in sent.raw_data
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in sent.raw_data


def test_secrets_manager_values_fill_the_secret_settings(moto_stack):
    clients.client("secretsmanager").create_secret(
        Name="podcast-digest/openai", SecretString=json.dumps({"PODCAST_DIGEST_OPENAI_API_KEY": "sk-test"})
    )

    settings = with_secrets(Settings(secret_name="podcast-digest/openai"))

    assert settings.openai_api_key.get_secret_value() == "sk-test"
    assert settings.llm_configured


def test_an_ssm_secure_string_is_read_when_the_name_is_a_path(moto_stack):
    clients.client("ssm").put_parameter(
        Name="/podcast-digest/secrets", Value=json.dumps({"smtp_password": "hunter2"}), Type="SecureString"
    )

    settings = with_secrets(Settings(secret_name="/podcast-digest/secrets"))

    assert settings.smtp_password.get_secret_value() == "hunter2"


def test_a_secret_with_unknown_keys_is_refused_by_name(moto_stack):
    clients.client("secretsmanager").create_secret(
        Name="wrong", SecretString=json.dumps({"openai_api_key": "sk", "table_name": "hijack"})
    )

    with pytest.raises(ConfigurationError, match="table_name"):
        with_secrets(Settings(secret_name="wrong"))


def test_a_missing_secret_says_which_setting_to_check(moto_stack):
    with pytest.raises(ConfigurationError, match="PODCAST_DIGEST_SECRET_NAME"):
        with_secrets(Settings(secret_name="does-not-exist"))
