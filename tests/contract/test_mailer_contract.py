"""The Mailer contract: what every mailer (outbox, SMTP, SES) delivers, read back from the receiving side."""

from email.utils import parsedate_to_datetime

from podcast_digest.models import OutgoingEmail

UNSUBSCRIBE = "<https://digest.example.org/unsubscribe?token=abc123>, <mailto:unsubscribe@digest.example.org>"


def a_digest(**changes) -> OutgoingEmail:
    fields = {
        "sender": "digest@digest.example.org",
        "sender_name": "Podcast Digest",
        "to": "listener@example.com",
        "subject": "New episode: Why sleep matters",
        "text": "Why sleep matters\n\nTL;DR: sleep more.\n",
        "html": "<!doctype html><html><body><h1>Why sleep matters</h1><p>TL;DR: sleep more.</p></body></html>",
        "headers": {"List-Unsubscribe": UNSUBSCRIBE, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    }
    fields.update(changes)
    return OutgoingEmail(**fields)


def test_a_digest_arrives_as_multipart_alternative_text_then_html(mail):
    digest = a_digest()
    mail.mailer.send(digest)

    [message] = mail.sent()
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [part.get_content_type() for part in parts] == ["text/plain", "text/html"]
    assert all(part.get_content_charset() == "utf-8" for part in parts)
    assert parts[0].get_content().replace("\r\n", "\n") == digest.text
    assert parts[1].get_content().rstrip("\r\n") == digest.html


def test_the_envelope_headers_are_all_there(mail):
    returned = mail.mailer.send(a_digest())

    [message] = mail.sent()
    [sender] = message["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("Podcast Digest", "digest@digest.example.org")
    assert [a.addr_spec for a in message["To"].addresses] == ["listener@example.com"]
    assert message["Subject"] == "New episode: Why sleep matters"
    assert message["MIME-Version"] == "1.0"
    assert parsedate_to_datetime(message["Date"]).tzinfo is not None
    assert message["Message-ID"].startswith("<")
    assert message["Message-ID"].endswith(">")
    assert returned
    if mail.returns_message_id_header:
        assert returned == message["Message-ID"]


def test_list_unsubscribe_headers_survive(mail):
    mail.mailer.send(a_digest())
    [message] = mail.sent()
    assert message["List-Unsubscribe"] == UNSUBSCRIBE
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_non_ascii_subject_name_and_body_arrive_intact_in_ascii_headers(mail):
    digest = a_digest(
        sender_name="Café Ünïcode, «Le Podcast»",
        subject="Épisode 12 — ça marche ✓ 🎧",
        text="Résumé : « bien dormir » — 睡眠\n",
        html="<p>Résumé : « bien dormir » — 睡眠</p>",
    )
    mail.mailer.send(digest)

    [raw] = mail.sent_raw()
    header_block = raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw else raw.split(b"\n\n", 1)[0]
    header_block.decode("ascii")  # encoded words, never raw UTF-8 in a header
    [message] = mail.sent()
    assert message["Subject"] == "Épisode 12 — ça marche ✓ 🎧"
    assert message["From"].addresses[0].display_name == "Café Ünïcode, «Le Podcast»"
    assert message["From"].addresses[0].addr_spec == "digest@digest.example.org"
    text, html = (part.get_content() for part in message.iter_parts())
    assert "Résumé : « bien dormir » — 睡眠" in text
    assert "Résumé : « bien dormir » — 睡眠" in html


def test_a_subject_with_a_line_break_cannot_add_a_header(mail):
    digest = a_digest(
        subject="Great episode\r\nBcc: victim@example.net\r\nX-Injected: yes",
        sender_name="Evil\r\nCc: other@example.net",
    )
    mail.mailer.send(digest)

    [message] = mail.sent()
    assert message["Bcc"] is None
    assert message["Cc"] is None
    assert message["X-Injected"] is None
    assert len(message.get_all("Subject")) == 1
    assert "\n" not in message["Subject"]
    assert "\r" not in message["Subject"]
    assert message["Subject"].startswith("Great episode")
    assert [a.addr_spec for a in message["To"].addresses] == ["listener@example.com"]
    if mail.envelope_recipients is not None:
        assert mail.envelope_recipients() == [["listener@example.com"]]


def test_a_long_html_line_survives_the_trip(mail):
    line = "<p>" + "a very long line of show notes " * 300 + "</p>"
    mail.mailer.send(a_digest(html=line))
    [message] = mail.sent()
    assert message.get_body(preferencelist=("html",)).get_content().rstrip("\r\n") == line
    for raw_line in mail.sent_raw()[0].splitlines():
        assert len(raw_line) <= 998  # RFC 5322's hard limit, which relays enforce


def test_each_message_gets_its_own_message_id(mail):
    mail.mailer.send(a_digest())
    mail.mailer.send(a_digest(to="second@example.com"))
    messages = mail.sent()
    assert len(messages) == 2
    assert messages[0]["Message-ID"] != messages[1]["Message-ID"]
    assert {m["To"].addresses[0].addr_spec for m in messages} == {
        "listener@example.com",
        "second@example.com",
    }
