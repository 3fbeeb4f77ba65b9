"""SES errors that stop the whole account fail the step loudly; a refused recipient stays one recipient.

Real under moto: an unverified sender (moto's SES refuses it), a missing
ses:SendEmail permission (moto's IAM enforcement with a role's credentials),
and the whole state machine with the sender identity gone. moto's SES does not
model sending paused, a suspended account or a missing configuration set, so
those codes come from botocore's Stubber on a real sesv2 client (the last
resort the brief allows): the stubbed part is only SES's answer, not our code.
"""

import json

import boto3
import pytest
from botocore.stub import Stubber

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.dynamodb import DynamoDBRecords
from podcast_digest.adapters.aws.ses import SesAccountError, SESMailer
from podcast_digest.adapters.mail import MailRejected
from podcast_digest.errors import ConfigurationError
from podcast_digest.models import (
    EpisodeStatus,
    OutgoingEmail,
)
from tests.e2e.conftest import deploy_with_roles
from tests.e2e.test_retries_and_failures import TRANSCRIPT, _episode_with_publisher_transcript, _run
from tests.support import aws
from tests.support.corpus import corpus_path
from tests.support.feed_server import FeedServer, Route


def _email(sender: str = aws.SENDER, to: str = "listener@example.com") -> OutgoingEmail:
    return OutgoingEmail(sender=sender, to=to, subject="Your digest", text="plain", html="<p>html</p>")


def _stubbed_answer(code: str, message: str, status: int = 400) -> SESMailer:
    client = boto3.client(
        "sesv2", region_name=aws.REGION, aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    stubber = Stubber(client)
    stubber.add_client_error(
        "send_email", service_error_code=code, service_message=message, http_status_code=status
    )
    stubber.activate()
    return SESMailer(configuration_set="digests", client=client)


def test_an_unverified_sender_is_an_account_error_not_a_refused_recipient(moto_stack):
    with pytest.raises(SesAccountError, match="sender identity verified") as raised:
        SESMailer().send(_email(sender="someone@unverified.example.net"))

    assert isinstance(raised.value, ConfigurationError)
    assert not isinstance(raised.value, MailRejected)


def test_a_role_without_ses_send_permission_is_an_account_error(moto_stack):
    from moto.core import set_initial_no_auth_action_count

    iam = clients.client("iam")
    role = iam.create_role(
        RoleName="notify-without-ses",
        AssumeRolePolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}],
            }
        ),
    )["Role"]
    iam.put_role_policy(
        RoleName="notify-without-ses",
        PolicyName="dynamodb-only",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}],
            }
        ),
    )
    credentials = clients.client("sts").assume_role(RoleArn=role["Arn"], RoleSessionName="notify")[
        "Credentials"
    ]
    ses = boto3.client(
        "sesv2",
        region_name=aws.REGION,
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )

    @set_initial_no_auth_action_count(0)
    def send() -> None:
        SESMailer(client=ses).send(_email())

    with pytest.raises(SesAccountError, match="not authorized to perform: ses:SendEmail"):
        send()
    assert aws.sent_messages() == []


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("SendingPausedException", "Sending is paused for this account."),
        ("AccountSuspendedException", "The account has been suspended."),
        ("NotFoundException", "Configuration set <digests> does not exist."),
        ("MailFromDomainNotVerifiedException", "The MAIL FROM domain is not verified."),
        ("MessageRejected", "Sending paused for this account. For more information, check the SES console."),
    ],
)
def test_account_level_ses_codes_raise_the_account_error(code, message):
    with pytest.raises(SesAccountError, match=code):
        _stubbed_answer(code, message).send(_email())


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (
            "MessageRejected",
            "Email address is not verified. The following identities failed the check in region "
            "EU-WEST-1: listener@example.com",
        ),
        ("BadRequestException", "Missing final '@domain'"),
    ],
)
def test_a_refused_recipient_stays_a_per_recipient_refusal(code, message):
    with pytest.raises(MailRejected, match=r"listener@example\.com"):
        _stubbed_answer(code, message).send(_email())


# The whole stack: with the sender identity gone, Notify fails and the episode is not marked notified.


@pytest.fixture
def stack(monkeypatch):
    aws.aws_environment(monkeypatch)
    with aws.moto_account(config={"stepfunctions": {"execute_state_machine": True}}):
        deployed = deploy_with_roles(
            monkeypatch,
            {
                "SenderAddress": aws.SENDER,
                "SummarizerEngine": "extractive",
                "TranscriberEngine": "transcribe",
            },
            extra_environment={"PODCAST_DIGEST_ALLOW_LOOPBACK": "true"},  # the publisher is a local server
        )
        yield deployed
        assert not deployed.roles.denials, deployed.roles.denials


@pytest.mark.slow
def test_with_the_sender_identity_gone_notify_fails_loudly_and_the_episode_is_not_notified(stack):
    body = corpus_path("transcripts", "podcastnamespace__example.srt").read_bytes()
    clients.sesv2().delete_email_identity(EmailIdentity=aws.SENDER_DOMAIN)
    with FeedServer() as publisher:
        publisher.route(TRANSCRIPT, Route(body=body, content_type="application/x-subrip"))
        ref = _episode_with_publisher_transcript(stack, publisher)
        execution = _run(stack, ref)

    assert execution["status"] == "FAILED"
    episode = DynamoDBRecords(stack.table).get_episode(ref.episode_id)
    assert episode.status is EpisodeStatus.FAILED
    assert episode.failed_step == "notify"
    assert episode.failure_reason.startswith("SesAccountError: ")
    history = clients.stepfunctions().get_execution_history(executionArn=execution["executionArn"])["events"]
    notify_failures = [
        e for e in history if e["type"] == "TaskFailed" and "SesAccountError" in json.dumps(e, default=str)
    ]
    assert len(notify_failures) == 1  # not retried: a paused account does not come back in seconds
    assert aws.sent_messages() == []
