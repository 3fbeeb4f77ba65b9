"""Show notes are hostile HTML: the allowlist keeps text and plain links, nothing that runs or loads."""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from podcast_digest.digest.sanitize import (
    ALLOWED_TAGS,
    sanitize_show_notes,
    show_notes_text,
    truncate_show_notes,
)
from tests.support.corpus import corpus_path


class _Tags(HTMLParser):
    """Every start tag with its attributes, and every comment, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_comment(self, data):
        self.comments.append(data)


def assert_inert(html: str) -> None:
    """Only allowlisted tags; only href (http/https/mailto) and rel on links; no comments."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    assert not parser.comments
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, f"{tag!r} survived in {html!r}"
        for name, value in attrs:
            assert (tag, name) in {("a", "href"), ("a", "rel")}, f"{tag} {name}={value!r} survived"
            if name == "href":
                assert value.split(":", 1)[0].lower() in {"http", "https", "mailto"}
            if name == "rel":
                assert value == "noopener nofollow"
    lowered = html.lower()
    for marker in ("<script", "<style", "<iframe", "<meta", "<img", "javascript:", "onerror", "onload"):
        assert marker not in lowered, f"{marker!r} survived in {html!r}"


def _feed_texts(path) -> list[str]:
    """The (entity-decoded) text of every title and description in a small feed file."""
    root = ET.parse(path).getroot()
    return [
        element.text
        for element in root.iter()
        if element.tag.rsplit("}", 1)[-1] in {"title", "description"}
        and element.text
        and element.text.strip()
    ]


def _malicious_files():
    folder = corpus_path("malicious", "html")
    return sorted(folder.glob("*.xml"))


@pytest.mark.corpus
def test_nothing_executable_survives_any_malicious_corpus_file():
    files = _malicious_files()
    assert len(files) >= 7
    for path in files:
        texts = _feed_texts(path)
        assert texts, f"{path.name}: no title or description found"
        for text in texts:
            assert_inert(sanitize_show_notes(text))
            plain = show_notes_text(text)
            assert "<" not in plain.replace("&lt;", "") or "script" not in plain.lower(), plain


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("feedparser__item_description_iframe.xml", "safe description"),
        ("feedparser__item_description_meta.xml", "safe description"),
        ("feedparser__item_description_script_cdata.xml", "safe description"),
        ("feedparser__feed_title_unacceptable_uri.xml", "safe"),
    ],
)
def test_the_safe_words_of_a_malicious_description_are_kept(name, expected):
    (text,) = [t for t in _feed_texts(corpus_path("malicious", "html", name)) if t.strip() != ""][-1:]
    assert show_notes_text(text) == expected


@pytest.mark.corpus
def test_a_javascript_link_keeps_its_words_but_loses_its_address():
    (text,) = _feed_texts(corpus_path("malicious", "html", "feedparser__feed_title_unacceptable_uri.xml"))
    assert sanitize_show_notes(text) == '<a rel="noopener nofollow">safe</a>'


@pytest.mark.corpus
def test_the_pathological_description_keeps_its_visible_text_only():
    texts = _feed_texts(corpus_path("malicious", "html", "feedparser__item_description_crazy.xml"))
    plain = show_notes_text(texts[-1])
    assert "Did The Javascript Execute?" in plain
    assert "I will execute here, too, if you mouse over me" in plain
    assert "alert" not in plain
    assert "executeMe" not in plain


def test_links_keep_only_http_https_and_mailto_addresses_with_noopener_nofollow():
    html = sanitize_show_notes(
        '<p><a href="https://example.com/a?b=1&c=2" target="_blank" onclick="steal()">web</a> '
        '<a href="mailto:host@example.com">mail</a> <a href="data:text/html,<script>x</script>">data</a> '
        '<a href="vbscript:msgbox(1)">vb</a> <a href="/relative">relative</a></p>'
    )
    assert_inert(html)
    assert '<a href="https://example.com/a?b=1&amp;c=2" rel="noopener nofollow">web</a>' in html
    assert '<a href="mailto:host@example.com" rel="noopener nofollow">mail</a>' in html
    assert html.count("href=") == 2


def test_formatting_and_lists_survive_while_everything_else_is_stripped():
    html = sanitize_show_notes(
        '<div class="x"><h1>Episode 12</h1><p style="color:red">We talk <b>bread</b> and <em>yeast</em>.</p>'
        "<ul><li>one</li><li>two</li></ul><blockquote>quoted</blockquote>"
        '<img src="https://tracker.example.com/p.gif"><form action="https://evil.example.com"><input></form>'
        "<svg><script>alert(1)</script></svg><style>body{display:none}</style></div>"
    )
    assert_inert(html)
    assert html == (
        "Episode 12<p>We talk <b>bread</b> and <em>yeast</em>.</p><ul><li>one</li><li>two</li></ul>"
        "<blockquote>quoted</blockquote>"
    )


@pytest.mark.parametrize(
    "attack",
    [
        "<scr<script>ipt>alert(1)</script>",
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href=" javascript:alert(1)">x</a>',
        "<p onmouseover=alert(1)>x</p>",
        "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
        "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
        '<meta http-equiv="refresh" content="0;url=https://evil.example.com">',
        "<base href='https://evil.example.com/'>",
    ],
)
def test_classic_xss_payloads_come_out_inert(attack):
    assert_inert(sanitize_show_notes(attack))


def test_show_notes_text_decodes_entities_folds_spaces_and_keeps_paragraphs():
    text = show_notes_text(
        "<p>Hello   &amp; welcome,\n\n  friends</p><p>Links: <a href='https://example.com/x'>our site</a></p>"
        "<ul><li>first</li><li>second&nbsp;item</li></ul>&lt;not a tag&gt;"
    )
    assert text == (
        "Hello & welcome, friends\n\nLinks: our site (https://example.com/x)\n\nfirst\nsecond item\n\n<not a tag>"
    )


def test_empty_show_notes_stay_empty():
    assert sanitize_show_notes("") == ""
    assert show_notes_text("") == ""


def test_truncated_show_notes_never_leave_half_a_tag_or_an_unclosed_element():
    notes = sanitize_show_notes(
        "".join(f'<p>Para {i} <a href="https://example.com/{i}">link {i}</a></p>' for i in range(200))
    )
    for limit in (50, 77, 200, 1000):
        cut = truncate_show_notes(notes, limit)
        assert_inert(cut)
        assert len(cut) <= limit + 40
        assert cut.count("<p>") == cut.count("</p>")
        assert cut.count("<a ") == cut.count("</a>")
    assert truncate_show_notes(notes, len(notes)) == notes
