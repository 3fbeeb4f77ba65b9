"""The digest email: every part of the house format, under Gmail's clip, safe headers and subject."""

import itertools
import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from urllib.parse import unquote

import pytest

from podcast_digest.digest import outline
from podcast_digest.digest.email import HTML_BUDGET_BYTES, compose_digest, digest_subject
from podcast_digest.models import InDepthSection, Lesson, Summary
from tests.support.corpus import corpus_path, reference_path
from tests.support.summaries import in_depth_chars, sample_summary, sized_summary, summary_from_reference_text
from tests.unit.digest.hostile import hostile_summary

GMAIL_CLIP_BYTES = 100_000
FULL_URL = "https://digest.example.com/summaries/ep-3f9a1c2b7d"
UNSUBSCRIBE_URL = "https://digest.example.com/unsubscribe?token=abc123"


def compose(summary: Summary, **kwargs):
    arguments = {
        "to": "listener@example.com",
        "sender": "digest@example.com",
        "full_summary_url": FULL_URL,
        "unsubscribe_url": UNSUBSCRIBE_URL,
    }
    arguments.update(kwargs)
    return compose_digest(summary, **arguments)


def plain(html: str) -> str:
    """The HTML's visible text, entities decoded, for 'is this part there' checks."""
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", html))


def assert_top_parts_in_full(body: str, summary: Summary) -> None:
    """Everything above In-Depth is present, complete and in the house order."""
    order = [
        outline.QUICK_TAKES,
        summary.quick_takes.verdict,
        outline.ONE_SENTENCE,
        summary.one_sentence_summary,
        outline.QUOTE,
        summary.favorite_quote.text,
        outline.TLDR,
        summary.tldr,
        outline.KEY_IDEAS,
        *[text for group in summary.key_ideas for text in (group.heading, *group.ideas)],
        outline.LESSONS,
        *[text for lesson in summary.lessons for text in (lesson.title, lesson.explanation)],
        outline.CONCLUSION,
        summary.conclusion,
        outline.IN_DEPTH,
        outline.ALL_KEY_IDEAS,
        outline.ALL_LESSONS,
        outline.PROVENANCE,
    ]
    position = 0
    for text in order:
        found = body.find(text, position)
        assert found >= 0, f"missing or out of order: {text[:80]!r}"
        position = found + len(text)


def assert_every_in_depth_part_is_there(body: str, summary: Summary) -> None:
    for section in summary.in_depth:
        assert section.heading in body
        assert section.lessons_heading in body


def test_subject_says_which_podcast_and_episode_it_summarises():
    assert digest_subject(sample_summary()) == (
        "The Workshop Hour: Sourdough, Science and the Business of Bread with Maya Okafor "
        "and Dr. Lukas Brenner — summary"
    )
    assert digest_subject(sample_summary(podcast_title="")).startswith("Sourdough, Science")
    assert digest_subject(sample_summary(podcast_title="", episode_title="")) == "Podcast episode — summary"


def test_a_long_subject_is_clamped_but_still_says_summary():
    subject = digest_subject(sample_summary(episode_title="Bread " * 80))
    assert len(subject) <= 150
    assert subject.endswith("… — summary")


@pytest.mark.corpus
def test_header_injection_payloads_in_titles_are_folded_into_one_subject_line():
    payloads = (
        corpus_path("malicious", "injection", "payloadsallthethings__crlfinjection.txt").read_text().split()
    )
    assert payloads
    for payload in payloads:
        decoded = unquote(unquote(payload))  # what a feed could carry after its own decoding
        summary = sample_summary(
            podcast_title=f"Cast{decoded}", episode_title=f"Ep\r\n{decoded}\nBcc: x@evil.example.com"
        )
        message = compose(summary, sender_name=f"Digest\r\nBcc: x@evil.example.com{decoded}")
        for value in (message.subject, message.sender_name):
            assert "\r" not in value
            assert "\n" not in value
            assert all(c.isprintable() for c in value)
        mime = _mime(message)
        parsed = message_from_bytes(mime.as_bytes(), policy=policy.default)
        assert parsed["Bcc"] is None
        assert parsed["Set-Cookie"] is None
        assert "Set-Cookie:crlf=injection" in str(parsed["Subject"]) or "Set-Cookie" not in decoded


def _mime(message) -> EmailMessage:
    """The message as a mailer would build it (stdlib email), to prove the headers are well formed."""
    mime = EmailMessage()
    mime["From"] = f"{message.sender_name} <{message.sender}>" if message.sender_name else message.sender
    mime["To"] = message.to
    mime["Subject"] = message.subject
    for name, value in message.headers.items():
        mime[name] = value
    mime.set_content(message.text)
    mime.add_alternative(message.html, subtype="html")
    return mime


def test_one_click_unsubscribe_headers_and_a_visible_link_in_both_parts():
    message = compose(sample_summary())
    assert message.headers == {
        "List-Unsubscribe": f"<{UNSUBSCRIBE_URL}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert f'href="{UNSUBSCRIBE_URL.replace("&", "&amp;")}"' in message.html
    assert ">Unsubscribe</a>" in message.html
    assert f"Unsubscribe: {UNSUBSCRIBE_URL}" in message.text
    parsed = message_from_bytes(_mime(message).as_bytes(), policy=policy.default)
    assert parsed["List-Unsubscribe"] == f"<{UNSUBSCRIBE_URL}>"


def test_without_an_unsubscribe_url_there_are_no_list_headers():
    message = compose(sample_summary(), unsubscribe_url=None)
    assert message.headers == {}
    assert "Unsubscribe" not in message.text


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "https://digest.example.com/u\r\nBcc: x@evil.example.com",
        "/unsubscribe",
        "mailto:",
    ],
)
def test_an_unsubscribe_or_summary_url_that_is_not_http_is_refused_with_a_reason(url):
    with pytest.raises(ValueError, match="is not an http"):
        compose(sample_summary(), unsubscribe_url=url)
    with pytest.raises(ValueError, match="is not an http"):
        compose(sample_summary(), full_summary_url=url)


def test_a_local_run_may_link_the_full_summary_as_a_file_uri_but_not_unsubscribe(tmp_path):
    page = (tmp_path / "summaries" / "ep 1.html").as_uri()
    message = compose(sized_summary(), full_summary_url=page)
    assert f'href="{page}"' in message.html
    assert f"Read the full summary: {page}" in message.text
    with pytest.raises(ValueError, match="is not an http"):
        compose(sample_summary(), unsubscribe_url=page)
    with pytest.raises(ValueError, match="is not an http"):
        compose(sample_summary(), full_summary_url="file://evil.example.com/share/x.html")


def test_addresses_are_checked_by_the_email_model():
    with pytest.raises(ValueError, match="not a valid email address"):
        compose(sample_summary(), to="victim@example.com\r\nBcc: x@evil.example.com")


def test_a_summary_that_fits_goes_out_whole_in_both_parts():
    summary = sample_summary()
    message = compose(summary)
    assert len(message.html.encode()) <= HTML_BUDGET_BYTES
    for body in (plain(message.html), message.text):
        assert_top_parts_in_full(body, summary)
        for section in summary.in_depth:
            assert all(idea in body for idea in section.key_ideas)
            assert all(lesson.explanation in body for lesson in section.lessons)
        assert "To keep this email short" not in body
        for chapter in summary.chapters:
            assert chapter.title in body


def test_a_summary_the_size_of_the_reference_stays_under_gmails_clip_with_every_part():
    summary = sized_summary(85_000)
    assert in_depth_chars(summary) >= 85_000
    message = compose(summary)
    size = len(message.html.encode("utf-8"))
    assert size < GMAIL_CLIP_BYTES
    html_text = plain(message.html)
    for body in (html_text, message.text):
        assert_top_parts_in_full(body, summary)
        assert_every_in_depth_part_is_there(body, summary)
        assert "To keep this email short" in body
        assert "Transcript: publisher transcript (vtt)" in body
        assert "Welcome and introductions" in body  # chapters
    assert message.html.count(f'href="{FULL_URL}"') >= 3  # header, above and below In-Depth
    assert f"Read the full summary: {FULL_URL}" in message.text
    # The first parts are in full, in both parts alike.
    first = summary.in_depth[0]
    assert all(idea in html_text and idea in message.text for idea in first.key_ideas)
    in_depth_html = message.html[
        message.html.index(">All Key Ideas</h2>") : message.html.index(">In the full summary:<")
    ]
    full_in_html = in_depth_html.count("<h3")
    text_lines = message.text[
        message.text.index("\nAll Key Ideas\n") : message.text.index("\nAll Lessons Learnt\n")
    ]
    lines = text_lines.splitlines()
    full_in_text = sum(1 for a, b in itertools.pairwise(lines) if a.endswith("]") and b.startswith("- "))
    assert 0 < full_in_html == full_in_text < len(summary.in_depth)


@pytest.mark.corpus
def test_the_real_reference_summary_fits_under_gmails_clip():
    summary = summary_from_reference_text(reference_path("sample-summary.txt").read_text(encoding="utf-8"))
    message = compose(summary)
    assert len(message.html.encode("utf-8")) < GMAIL_CLIP_BYTES
    assert_top_parts_in_full(plain(message.html), summary)
    assert_every_in_depth_part_is_there(plain(message.html), summary)


def test_even_an_absurdly_long_in_depth_part_stays_under_the_clip():
    sections = [
        InDepthSection(
            start_seconds=i * 60,
            end_seconds=i * 60 + 60,
            heading=f"Part {i}: a rather long heading about the topic discussed in this stretch of the episode",
            key_ideas=["An idea."],
            lessons_heading=f"Lessons of part {i}, which also has a fairly long heading of its own",
            lessons=[Lesson(title="Lesson", explanation="Explanation.")],
        )
        for i in range(1000)
    ]
    message = compose(sample_summary(in_depth=sections), show_notes_html="<p>" + "notes " * 3000 + "</p>")
    assert len(message.html.encode("utf-8")) < GMAIL_CLIP_BYTES
    assert_top_parts_in_full(plain(message.html), sample_summary(in_depth=sections))
    assert "more parts in the full summary" in message.html
    assert "more parts in the full summary" in message.text


def test_the_html_is_a_single_column_table_with_inline_styles_only():
    html = compose(sample_summary()).html
    assert "<style" not in html
    assert "class=" not in html
    assert "<script" not in html
    assert '<table role="presentation"' in html
    assert "max-width:600px" in html
    for tag in ("h1", "h2", "h3", "p", "ul", "li"):
        assert re.search(rf"<{tag} style=\"[^\"]+\"", html), tag
        assert not re.search(rf"<{tag}>", html), f"unstyled <{tag}>"


def test_the_email_escapes_hostile_text_and_links_no_javascript():
    message = compose(hostile_summary())
    html = message.html
    assert "<script>" not in html
    assert "<img" not in html
    assert "<svg" not in html
    assert "<iframe" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    links = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert links
    assert not [link for link in links if "javascript" in link.lower()]
    assert "#t=" not in html
    assert "\n" not in message.subject
    assert "\r" not in message.subject
    assert message.subject.startswith('Evil "Cast" & Co Bcc: victim@example.com: <script>')


def test_show_notes_are_sanitised_into_the_html_and_reduced_to_text():
    notes = (
        '<p>Thanks to <a href="https://bakery.example.com" onclick="x()">Rise &amp; Rye</a>.</p>'
        "<script>alert(1)</script><img src=x onerror=alert(1)><iframe src=https://evil.example.com></iframe>"
    )
    message = compose(sample_summary(), show_notes_html=notes)
    assert outline.SHOW_NOTES in message.html
    assert outline.SHOW_NOTES in message.text
    assert re.search(
        r'<a style="[^"]+" href="https://bakery\.example\.com" rel="noopener nofollow">Rise &amp; Rye</a>',
        message.html,
    )
    assert re.search(r'<p style="[^"]+">Thanks to', message.html)  # styled inline like the rest
    assert "alert" not in message.html
    assert "onclick" not in message.html
    assert "<img" not in message.html
    assert "Thanks to Rise & Rye (https://bakery.example.com)." in message.text


def test_no_verified_quote_is_said_plainly_in_both_parts():
    message = compose(sample_summary(favorite_quote=None))
    assert outline.NO_QUOTE in message.html
    assert outline.NO_QUOTE in message.text


def test_the_email_is_tagged_as_a_digest_and_addressed_as_asked():
    message = compose(sample_summary(), sender_name="Podcast Digest")
    assert (message.to, message.sender, message.sender_name, message.tag) == (
        "listener@example.com",
        "digest@example.com",
        "Podcast Digest",
        "digest",
    )
