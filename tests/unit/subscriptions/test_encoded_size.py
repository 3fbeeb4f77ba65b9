"""Gmail clips on the HTML it receives: measured after MIME encoding, the digest and roundup stay under it.

Quoted-printable turns each '=' into '=3D' and adds soft line breaks; for our
inline-styled HTML that costs about 4 %, while base64 would cost 33 %, so the
HTML part stays quoted-printable.
"""

from podcast_digest.adapters.mail.mime import build_message
from podcast_digest.digest.email import compose_digest
from podcast_digest.digest.roundup_email import RoundupEntry, compose_roundup
from tests.support.summaries import sample_summary, sized_summary

GMAIL_CLIP_BYTES = 102 * 1024
LONG_UNSUBSCRIBE = "https://digest.example.com/unsubscribe?token=" + "a" * 160 + "." + "b" * 43


def encoded_html_bytes(email) -> int:
    message = build_message(email)
    (html,) = [part for part in message.iter_parts() if part.get_content_type() == "text/html"]
    assert html["Content-Transfer-Encoding"] == "quoted-printable"
    return len(html.get_payload().encode("ascii"))


def test_the_reference_sized_digest_stays_under_the_clip_once_encoded():
    email = compose_digest(
        sized_summary(),
        to="listener@example.org",
        sender="digest@example.org",
        full_summary_url="https://digest.example.com/summaries/ep-3f9a1c2b7d",
        unsubscribe_url=LONG_UNSUBSCRIBE,
        show_notes_html="<p>"
        + "Notes with a <a href='https://example.com/x?a=1&b=2'>link</a>. " * 200
        + "</p>",
    )
    assert encoded_html_bytes(email) < GMAIL_CLIP_BYTES


def test_a_roundup_of_forty_episodes_stays_under_the_clip_once_encoded():
    entries = [
        RoundupEntry(
            sample_summary(episode_id=f"ep{n}", episode_title=f"Episode {n}"),
            f"https://d.example.com/s/ep{n}",
        )
        for n in range(40)
    ]
    email = compose_roundup(
        entries,
        to="listener@example.org",
        sender="digest@example.org",
        how_often="weekly",
        period_label="last week",
        unsubscribe_url=LONG_UNSUBSCRIBE,
    )
    assert encoded_html_bytes(email) < GMAIL_CLIP_BYTES
    assert all(f"Episode {n}" in email.html for n in range(40)), "every episode is at least named"
