"""build_message: the one MIME builder every mailer uses."""

from email import message_from_bytes, policy

import pytest

from podcast_digest.adapters.mail.mime import build_message
from podcast_digest.models import OutgoingEmail


def an_email(**changes) -> OutgoingEmail:
    fields = {
        "sender": "digest@Digest.Example.org",
        "sender_name": "Podcast Digest",
        "to": "listener@example.com",
        "subject": "New episode",
        "text": "plain",
        "html": "<p>html</p>",
    }
    return OutgoingEmail(**(fields | changes))


def reparsed(email: OutgoingEmail, **kwargs):
    return message_from_bytes(build_message(email, **kwargs).as_bytes(), policy=policy.default)


@pytest.mark.parametrize("name", ["Bcc", "cc", "From", "Reply-To", "Subject", "Content-Type", "MIME-Version"])
def test_an_extra_header_cannot_replace_one_the_mailer_owns(name):
    with pytest.raises(ValueError, match="set by the mailer itself"):
        build_message(an_email(headers={name: "attacker@example.net"}))


def test_a_subject_that_skipped_validation_is_still_one_line():
    # model_construct() skips the model's validators; the builder must not rely on them.
    email = OutgoingEmail.model_construct(
        sender="digest@example.org",
        sender_name="Name\r\nBcc: a@example.net",
        to="listener@example.com",
        subject="Hi\r\nBcc: victim@example.net",
        text="t",
        html="<p>h</p>",
        headers={},
        tag="digest",
    )
    message = message_from_bytes(build_message(email).as_bytes(), policy=policy.default)
    assert message["Bcc"] is None
    assert message["Subject"] == "Hi Bcc: victim@example.net"
    assert message["From"].addresses[0].display_name == "Name Bcc: a@example.net"


def test_an_extra_header_that_skipped_validation_cannot_inject():
    email = an_email().model_copy(update={"headers": {"X-Campaign": "a\r\nBcc: victim@example.net"}})
    with pytest.raises(ValueError, match="inject"):
        build_message(email)


def test_a_display_name_with_commas_and_quotes_stays_one_address():
    message = reparsed(an_email(sender_name='Smith, "The" <Host>'))
    [sender] = message["From"].addresses
    assert sender.display_name == 'Smith, "The" <Host>'
    assert sender.addr_spec == "digest@digest.example.org"


def test_no_display_name_gives_a_bare_address():
    message = reparsed(an_email(sender_name=None))
    assert str(message["From"]) == "digest@digest.example.org"


def test_the_message_id_is_on_the_senders_domain_unless_told_otherwise():
    assert reparsed(an_email())["Message-ID"].endswith("@digest.example.org>")
    assert reparsed(an_email(), message_id_domain="mail.example.net")["Message-ID"].endswith(
        "@mail.example.net>"
    )


def test_every_line_is_seven_bit_and_short_whatever_the_content():
    email = an_email(text="é" * 5000, html="<p>" + "ü" * 5000 + "</p>", subject="Ça " * 60)
    for line in build_message(email).as_bytes().splitlines():
        line.decode("ascii")
        assert len(line) <= 78


def test_mime_version_is_on_the_message_only():
    message = build_message(an_email())
    assert message["MIME-Version"] == "1.0"
    assert all(part["MIME-Version"] is None for part in message.iter_parts())
