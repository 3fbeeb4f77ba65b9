"""Headers with no room for encoded words go on the wire verbatim, folded only where RFC 5322 allows."""

import pytest

from podcast_digest.adapters.mail.mime import build_message, fold_verbatim
from podcast_digest.models import OutgoingEmail

LINK = "https://digest.example.org/unsubscribe?token=" + "eyJwIjoidW5zdWJzY3JpYmUifQ" * 6


def an_email(**headers: str) -> OutgoingEmail:
    return OutgoingEmail(
        sender="digest@digest.example.org",
        sender_name="Pödcast Digest",
        to="listener@example.com",
        subject="Épisode " * 20,
        text="t",
        html="<p>h</p>",
        headers=headers,
    )


def test_a_single_long_link_stays_on_one_line():
    assert fold_verbatim("List-Unsubscribe", f"<{LINK}>") == f"List-Unsubscribe: <{LINK}>\r\n"


def test_several_elements_fold_after_the_commas_only():
    folded = fold_verbatim("List-Unsubscribe", f"<{LINK}>, <mailto:u@example.org>, <https://e.org/u>")
    assert folded == f"List-Unsubscribe: <{LINK}>,\r\n <mailto:u@example.org>, <https://e.org/u>\r\n"


def test_a_header_line_past_998_characters_is_refused_rather_than_broken():
    with pytest.raises(ValueError, match="998"):
        fold_verbatim("List-Unsubscribe", "<https://e.org/" + "a" * 1000 + ">")


def test_non_ascii_in_a_verbatim_header_is_refused_it_must_be_percent_encoded():
    with pytest.raises(ValueError, match="printable ASCII"):
        build_message(an_email(**{"List-Unsubscribe": "<https://e.org/désabonner>"}))


def test_other_headers_keep_their_rfc_2047_encoding_and_folding():
    raw = build_message(an_email(**{"List-Unsubscribe": f"<{LINK}>"})).as_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert "Subject: =?utf-8?" in head  # non-ASCII text still needs encoded words
    assert f"List-Unsubscribe: <{LINK}>\r\n" in head + "\r\n"
    assert all(len(line) <= 78 for line in head.split("\r\n") if not line.startswith("List-Unsubscribe"))
