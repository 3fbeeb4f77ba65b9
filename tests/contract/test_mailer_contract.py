"""The Mailer contract: what every mailer (outbox, SMTP, SES) delivers, read back from the receiving side."""

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlencode

from podcast_digest.delivery import stable_message_id
from podcast_digest.digest.email import one_click_unsubscribe_headers
from podcast_digest.models import OutgoingEmail, feed_id_for, subscriber_id_for
from podcast_digest.subscriptions.tokens import Purpose, TokenSigner
from tests.support.mail_parsers import parse_with_node

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


# -- wire-true headers: the raw bytes each mailer really sends, read by third-party parsers too --

SIGNER = TokenSigner(b"wire-test-signing-key-of-32-bytes!!")
SUBSCRIBER_ID = subscriber_id_for("listener@example.com")
ONE_CLICK = "https://digest.example.org/unsubscribe?" + urlencode(
    {
        "token": SIGNER.sign(
            Purpose.UNSUBSCRIBE,
            SUBSCRIBER_ID,
            now=datetime(2026, 11, 28, 9, 30, tzinfo=UTC),
            feed_ids=[feed_id_for("https://feeds.example.org/garden-hour.xml")],
        )
    }
)
STABLE_ID = stable_message_id(SUBSCRIBER_ID, "0123456789abcdef0123", "digest@digest.example.org")


def a_real_digest() -> OutgoingEmail:
    """What notify hands a mailer: a signed one-click link of full length, a stable Message-ID."""
    return a_digest(
        headers=one_click_unsubscribe_headers(ONE_CLICK),
        message_id=STABLE_ID,
        sender_name="Pödcast Digest",
        subject="Garden Hour: Balcony tomatoes, mulch and the July heat — summary",
    )


def header_lines(raw: bytes) -> dict[str, list[bytes]]:
    """Each header's physical lines as sent (name lower-cased), before any parser unfolds them."""
    block = raw.split(b"\r\n\r\n", 1)[0]
    headers: dict[str, list[bytes]] = {}
    current: list[bytes] = []
    for line in block.split(b"\r\n"):
        if line[:1] in (b" ", b"\t"):
            current.append(line)
        else:
            current = [line]
            headers.setdefault(line.split(b":", 1)[0].decode("ascii").lower(), current)
    return headers


def test_the_realistic_one_click_link_really_is_long():
    assert len(ONE_CLICK) > 150  # the link that policy.SMTP used to fold into encoded words


def test_list_unsubscribe_goes_on_the_wire_as_a_plain_link_never_an_encoded_word(mail):
    mail.mailer.send(a_real_digest())

    [raw] = mail.sent_raw()
    headers = header_lines(raw)
    assert headers["list-unsubscribe"] == [f"List-Unsubscribe: <{ONE_CLICK}>".encode("ascii")]
    assert headers["list-unsubscribe-post"] == [b"List-Unsubscribe-Post: List-Unsubscribe=One-Click"]
    for name in ("list-unsubscribe", "list-id", "message-id"):
        assert b"=?" not in b"".join(headers[name]), name
    assert all(len(line) <= 998 for lines in headers.values() for line in lines)
    assert "date" in headers
    assert headers["list-id"] == [b"List-Id: <digest.digest.example.org>"]
    if mail.returns_message_id_header:  # SES puts its own Message-ID on the copy it delivers
        assert headers["message-id"] == [f"Message-ID: {STABLE_ID}".encode("ascii")]


def test_third_party_parsers_read_the_one_click_link_list_id_message_id_and_date(mail, tmp_path):
    mail.mailer.send(a_real_digest())
    [raw] = mail.sent_raw()
    [parsed] = parse_with_node([raw], tmp_path)

    nodemailer, postal = parsed["mailparser"], parsed["postal"]
    assert nodemailer["list"]["unsubscribe"]["url"] == ONE_CLICK
    assert nodemailer["list"]["unsubscribe-post"]["name"] == "List-Unsubscribe=One-Click"
    assert nodemailer["list"]["id"] == {"name": "digest.digest.example.org"}  # a bare list-id lands in "name"
    assert nodemailer["date"] is not None
    assert postal["date"] is not None
    assert nodemailer["subject"] == postal["subject"] == a_real_digest().subject
    assert nodemailer["from"] == [{"address": "digest@digest.example.org", "name": "Pödcast Digest"}]
    postal_headers = {h["key"]: h["value"] for h in postal["headers"]}
    assert postal_headers["list-id"] == "<digest.digest.example.org>"
    assert postal_headers["list-unsubscribe"] == f"<{ONE_CLICK}>"
    assert postal_headers["list-unsubscribe-post"] == "List-Unsubscribe=One-Click"
    if mail.returns_message_id_header:
        assert nodemailer["messageId"] == postal["messageId"] == STABLE_ID
    # ... and Python's own parser agrees.
    [message] = mail.sent()
    assert message["List-Unsubscribe"] == f"<{ONE_CLICK}>"
    texts = {nodemailer["text"].replace("\r\n", "\n").strip(), postal["text"].replace("\r\n", "\n").strip()}
    assert texts == {a_real_digest().text.strip()}


def test_two_links_fold_only_after_the_comma_between_them(mail):
    both = f"<{ONE_CLICK}>, <mailto:unsubscribe@digest.example.org?subject=unsubscribe>"
    mail.mailer.send(a_digest(headers={"List-Unsubscribe": both}))
    [raw] = mail.sent_raw()
    assert header_lines(raw)["list-unsubscribe"] == [
        f"List-Unsubscribe: <{ONE_CLICK}>,".encode("ascii"),
        b" <mailto:unsubscribe@digest.example.org?subject=unsubscribe>",
    ]
    [message] = mail.sent()
    assert message["List-Unsubscribe"] == both
