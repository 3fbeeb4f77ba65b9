"""The digest email: every part of the house format, under Gmail's clip, safe headers and subject."""

import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from urllib.parse import unquote

import pytest

from podcast_digest.digest import outline
from podcast_digest.digest.email import HTML_BUDGET_BYTES, compose_digest, digest_subject, inline_styles
from podcast_digest.digest.timestamps import format_timestamp
from podcast_digest.models import InDepthSection, KeyIdeaGroup, Lesson, Summary
from tests.support.corpus import corpus_path, reference_path
from tests.support.summaries import sample_summary, sized_summary, summary_from_reference_text
from tests.unit.digest.hostile import hostile_summary
from tests.unit.digest.lengths import LENGTHS_MINUTES, episode_of

GMAIL_CLIP_BYTES = 100_000
DIGEST_BYTES = 40 * 1000
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
        outline.PROVENANCE,
    ]
    position = 0
    for text in order:
        found = body.find(text, position)
        assert found >= 0, f"missing or out of order: {text[:80]!r}"
        position = found + len(text)


def assert_in_depth_is_a_table_of_contents(html: str, text: str, summary: Summary) -> None:
    """Every part by heading and timestamp, none of In-Depth's own bullets, in both parts."""
    body = plain(html)
    top = {idea for group in summary.key_ideas for idea in group.ideas}
    top |= {lesson.explanation for lesson in summary.lessons}
    for section in summary.in_depth:
        label = format_timestamp(section.start_seconds)
        assert section.heading in body
        assert f"[{label}] {section.heading}" in text
        # The old email listed each lessons heading with its timestamp after it.
        assert f"{section.lessons_heading} [{label}]" not in text
        for bullet in [*section.key_ideas, *(lesson.explanation for lesson in section.lessons)]:
            if bullet not in top:
                assert bullet not in body
                assert bullet not in text


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


@pytest.mark.parametrize("minutes", LENGTHS_MINUTES)
def test_any_episode_length_gets_the_top_parts_a_button_and_in_depth_as_contents_within_40_kb(minutes):
    summary = episode_of(minutes)
    message = compose(summary, show_notes_html="<p>" + "Thanks to our sponsors and guests. " * 200 + "</p>")
    assert len(message.html.encode("utf-8")) <= DIGEST_BYTES
    for body in (plain(message.html), message.text):
        assert_top_parts_in_full(body, summary)
        assert outline.ALL_KEY_IDEAS not in body
        assert outline.ALL_LESSONS not in body
        assert "To keep this email short" not in body
    assert_in_depth_is_a_table_of_contents(message.html, message.text, summary)
    # One clear button after the top parts, before the contents; each part links to its place on the page.
    button = re.search(rf'<a href="{re.escape(FULL_URL)}"[^>]*>Read the full summary</a>', message.html)
    assert button
    assert (
        message.html.index(outline.CONCLUSION) < button.start() < message.html.index(f">{outline.IN_DEPTH}<")
    )
    assert message.html.count(f'href="{FULL_URL}#part-') == len(summary.in_depth)
    assert f"Read the full summary: {FULL_URL}" in message.text


def test_the_email_no_longer_promises_what_it_leaves_out():
    message = compose(sized_summary())
    for body in (message.html, message.text):
        assert "nothing is skipped" not in body
        assert "listed by heading only" not in body
        assert outline.IN_DEPTH_EMAIL_INTRO in body


def test_without_a_summary_url_there_is_no_button_and_no_dead_link():
    summary = episode_of(60)
    message = compose(summary, full_summary_url=None)
    assert "Read the full summary" not in message.html
    assert "Read the full summary" not in message.text
    assert "#part-" not in message.html
    assert outline.IN_DEPTH_EMAIL_INTRO_NO_PAGE in message.text
    hrefs = re.findall(r'href="([^"]*)"', message.html)
    assert hrefs
    assert all(h.startswith(("https://", "mailto:")) for h in hrefs), hrefs
    assert_in_depth_is_a_table_of_contents(message.html, message.text, summary)


def _bullets(html: str) -> list[str]:
    return [plain(item).strip() for item in re.findall(r"<li[^>]*>(.*?)</li>", html, re.DOTALL)]


def test_no_bullet_appears_twice_in_one_email():
    summary = sized_summary()
    repeated = summary.key_ideas[0].ideas[0]
    summary = summary.model_copy(
        update={
            "key_ideas": [
                *summary.key_ideas,
                KeyIdeaGroup(heading="Said before", ideas=[repeated.upper(), repeated + "."]),
            ],
            "lessons": [*summary.lessons, summary.lessons[0]],
        }
    )
    message = compose(summary)
    bullets = _bullets(message.html)
    assert bullets
    assert len(bullets) == len({b.casefold() for b in bullets}), "a bullet is repeated"
    assert "Said before" not in message.html  # its only ideas were repeats: no heading over nothing
    assert "Said before" not in message.text
    text_bullets = [line for line in message.text.splitlines() if line.startswith("- ")]
    assert len(text_bullets) == len(set(text_bullets))


def test_empty_key_idea_groups_and_lessons_leave_no_heading_in_the_email():
    summary = sample_summary(
        key_ideas=[
            KeyIdeaGroup(heading="Nothing here", ideas=[]),
            KeyIdeaGroup(heading="", ideas=["Orphan."]),
        ],
        lessons=[],
    )
    message = compose(summary)
    for body in (plain(message.html), message.text):
        assert "Nothing here" not in body
        assert outline.KEY_IDEAS not in body
        assert outline.LESSONS not in body
    assert not re.search(r"<h[23][^>]*>\s*</h[23]>", message.html)


@pytest.mark.corpus
def test_the_real_reference_summary_fits_in_40_kb():
    summary = summary_from_reference_text(reference_path("sample-summary.txt").read_text(encoding="utf-8"))
    message = compose(summary)
    assert len(message.html.encode("utf-8")) <= DIGEST_BYTES
    assert_top_parts_in_full(plain(message.html), summary)
    assert_in_depth_is_a_table_of_contents(message.html, message.text, summary)


def test_even_an_absurdly_long_in_depth_part_stays_within_the_budget():
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
    assert len(message.html.encode("utf-8")) <= HTML_BUDGET_BYTES <= DIGEST_BYTES
    assert_top_parts_in_full(plain(message.html), sample_summary(in_depth=sections))
    assert "more parts in the full summary" in message.html
    assert "more parts in the full summary" in message.text
    assert "notes notes" not in message.html  # the show notes went before any part did


def test_the_html_is_a_single_column_table_styled_inline_with_dark_mode_on_top():
    html = compose(sample_summary()).html
    # The one <style> holds only the colour-scheme and dark-mode overrides; light is inline.
    (style,) = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
    assert "@media (prefers-color-scheme:dark)" in style
    assert '<meta name="color-scheme" content="light dark">' in html
    assert '<meta name="supported-color-schemes" content="light dark">' in html
    assert "<script" not in html
    assert '<table role="presentation"' in html
    assert "max-width:600px" in html
    for tag in ("h1", "h2", "h3", "p", "ul", "li"):
        assert re.search(rf"<{tag}( class=\"[^\"]+\")? style=\"[^\"]+\"", html), tag
        assert not re.search(rf"<{tag}>", html), f"unstyled <{tag}>"
    used = set(" ".join(re.findall(r'class="([^"]+)"', html)).split())
    styled = set(re.findall(r"\.([a-z]+)\{", style))
    assert used <= styled, f"classes with no dark-mode rule: {used - styled}"


def test_the_preheader_is_the_one_sentence_padded_so_the_body_stays_out_of_the_preview():
    summary = sample_summary()
    html = compose(summary).html
    preheader = re.search(r'<body[^>]*>\s*<div style="([^"]*)">(.*?)</div>', html, re.DOTALL)
    assert preheader
    style, content = preheader.groups()
    assert "display:none" in style
    assert content.startswith(summary.one_sentence_summary)
    assert content.count("&#847;&zwnj;&nbsp;") >= 80


def test_timestamps_are_links_only_when_there_is_audio():
    with_audio = compose(sample_summary()).html
    assert re.search(r'<a href="https://media\.example\.com/[^"]+#t=270"[^>]*>\[4:30\]</a>', with_audio)
    without = compose(sample_summary(audio_url=None)).html
    assert "#t=" not in without
    assert not re.search(r"<a [^>]*>\[\d+:\d\d", without)
    spans = re.findall(r'<span class="mu" style="([^"]+)">\[\d+:\d\d', without)
    assert spans, "timestamps should still be shown, as plain text"
    accent = re.search(r"color:(#\w+)", inline_styles()["ts"]).group(1)
    assert all(accent not in style and "underline" not in style for style in spans)


def test_the_plain_text_part_has_blank_lines_between_parts_and_underlined_headings():
    text = compose(sample_summary()).text
    lines = text.splitlines()
    for heading in (outline.QUICK_TAKES, outline.ONE_SENTENCE, outline.CONCLUSION, outline.IN_DEPTH):
        at = lines.index(heading)
        assert lines[at - 1] == "", heading
        assert set(lines[at + 1]) == {"="}, heading
        assert len(lines[at + 1]) >= len(heading), heading
        assert lines[at + 2] == ""
    group = sample_summary().key_ideas[0].heading
    at = lines.index(group)
    assert lines[at + 1] == "-" * len(group)
    assert "\n\n\n" not in text


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
        r'<a class="ac" style="[^"]+" href="https://bakery\.example\.com" rel="noopener nofollow">Rise &amp; Rye</a>',
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
