"""SMTPMailer against a real SMTP server on 127.0.0.1: STARTTLS before AUTH, and errors mapped to retry or not."""

import re
import socket

import pytest

from podcast_digest.adapters.mail import MailRejected
from podcast_digest.adapters.mail.smtp import SMTPMailer
from podcast_digest.errors import BadInputError, ConfigurationError, TransientError, UpstreamUnavailable
from podcast_digest.models import OutgoingEmail
from tests.support.smtp_server import smtp_server

DIGEST = OutgoingEmail(
    sender="digest@example.org",
    sender_name="Podcast Digest",
    to="listener@example.com",
    subject="New episode",
    text="plain",
    html="<p>html</p>",
)


def mailer_for(server, **changes) -> SMTPMailer:
    options = {
        "username": server.username,
        "password": server.password,
        "ssl_context": server.client_ssl_context,
        "timeout": 10.0,
    }
    return SMTPMailer(server.host, server.port, **(options | changes))


def test_the_mailer_upgrades_with_starttls_before_it_logs_in(tmp_path):
    # The server offers AUTH in clear text too: only the mailer's own order keeps the password safe.
    with smtp_server(tmp_path) as server:
        message_id = mailer_for(server).send(DIGEST)

    assert [(login.username, login.encrypted, login.accepted) for login in server.logins] == [
        (server.username, True, True)
    ]
    [mail] = server.received
    assert mail.encrypted
    assert mail.mail_from == "digest@example.org"
    assert mail.rcpt_tos == ["listener@example.com"]
    assert mail.parsed()["Message-ID"] == message_id


def test_a_server_without_starttls_is_refused_before_any_credentials_are_sent(tmp_path):
    with (
        smtp_server(tmp_path, starttls=False) as server,
        pytest.raises(ConfigurationError, match="does not offer STARTTLS"),
    ):
        mailer_for(server, ssl_context=None).send(DIGEST)
    assert server.logins == []
    assert server.received == []


def test_credentials_without_tls_are_refused_up_front():
    with pytest.raises(ConfigurationError, match="without TLS"):
        SMTPMailer("127.0.0.1", 25, username="user", password="secret", starttls=False)


def test_a_username_without_a_password_is_a_configuration_error():
    with pytest.raises(ConfigurationError, match="both a username and a password"):
        SMTPMailer("127.0.0.1", 25, username="user")


def test_a_trusted_local_relay_without_tls_or_login_works(tmp_path):
    with smtp_server(tmp_path, starttls=False, auth=False) as server:
        SMTPMailer(server.host, server.port, starttls=False, timeout=10.0).send(DIGEST)
    [mail] = server.received
    assert not mail.encrypted
    assert mail.parsed()["To"] == "listener@example.com"


def test_a_certificate_that_does_not_verify_stops_the_send(tmp_path):
    with smtp_server(tmp_path) as server, pytest.raises(ConfigurationError, match="certificate"):
        mailer_for(server, ssl_context=None).send(DIGEST)  # the system store does not trust the test cert
    assert server.logins == []
    assert server.received == []


def test_a_wrong_password_is_a_configuration_error_not_a_retry(tmp_path):
    with (
        smtp_server(tmp_path) as server,
        pytest.raises(ConfigurationError, match="PODCAST_DIGEST_SMTP_PASSWORD") as refused,
    ):
        mailer_for(server, password="wrong").send(DIGEST)
    assert not isinstance(refused.value, TransientError)
    assert server.received == []


def test_a_4xx_reply_is_transient(tmp_path):
    with smtp_server(tmp_path) as server:
        server.rcpt_replies.append("451 4.3.0 Mailbox temporarily unavailable")
        with pytest.raises(UpstreamUnavailable, match="451"):
            mailer_for(server).send(DIGEST)
        mailer_for(server).send(DIGEST)  # and the retry goes through
    assert len(server.received) == 1


def test_a_5xx_reply_is_a_clear_permanent_rejection(tmp_path):
    with smtp_server(tmp_path) as server:
        server.rcpt_replies.append("550 5.1.1 No such user here")
        with pytest.raises(
            MailRejected, match=re.escape("listener@example.com: 550 5.1.1 No such user here")
        ) as refused:
            mailer_for(server).send(DIGEST)
    assert refused.value.code == 550
    assert isinstance(refused.value, BadInputError)
    assert not isinstance(refused.value, TransientError)


def test_a_refused_connection_is_transient():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound, never listening: connections are refused
        with pytest.raises(UpstreamUnavailable, match=f"127.0.0.1:{port}"):
            SMTPMailer("127.0.0.1", port, timeout=5.0).send(DIGEST)


def test_a_server_that_never_answers_times_out_as_transient():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # accepts the connection in the kernel, never sends a greeting
        with pytest.raises(UpstreamUnavailable):
            SMTPMailer("127.0.0.1", silent.getsockname()[1], timeout=0.5).send(DIGEST)
