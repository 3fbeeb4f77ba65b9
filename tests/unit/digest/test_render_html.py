"""The HTML page: everything escaped, timestamps linked to the audio, contents that lead somewhere."""

import re
from html.parser import HTMLParser

from podcast_digest.digest import outline, render_html
from podcast_digest.models import Chapter
from tests.support.summaries import sample_summary
from tests.unit.digest.hostile import IMG_IDEA, SCRIPT_TITLE, hostile_summary


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def test_feed_and_model_text_is_escaped_never_markup():
    html = render_html(hostile_summary())
    page = parse(html)
    tags = {tag for tag, _ in page.tags}
    assert "script" not in tags
    assert "img" not in tags
    assert "svg" not in tags
    assert "iframe" not in tags
    assert tags.isdisjoint({"i", "b"})  # only what the template itself writes, never the summary's own
    assert all(not name.startswith("on") for _, attrs in page.tags for name in attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(document.cookie)&gt;" in html
    text = "".join(page.text)
    assert SCRIPT_TITLE in text
    assert IMG_IDEA in text


def test_no_javascript_url_becomes_a_link_or_attribute():
    page = parse(render_html(hostile_summary()))
    for _, attrs in page.tags:
        for value in attrs.values():
            assert "javascript:" not in (value or "").lower()
    assert not [a for tag, a in page.tags if tag == "a" and "#t=" in (a.get("href") or "")]
    assert ("html", {"lang": ""}) in [(t, a) for t, a in page.tags if t == "html"]


def test_every_timestamp_links_to_that_second_of_the_audio():
    summary = sample_summary()
    page = parse(render_html(summary))
    links = [a["href"] for tag, a in page.tags if tag == "a" and "#t=" in (a.get("href") or "")]
    audio = summary.audio_url
    for section in summary.in_depth:
        assert links.count(f"{audio}#t={int(section.start_seconds)}") >= 2  # ideas and lessons headings
    assert f"{audio}#t=2291" in links  # the quote
    assert f"{audio}#t=6210" in links  # a chapter
    assert all(link.startswith(audio + "#t=") for link in links)


def test_the_contents_link_to_every_part_and_the_page_has_them_in_order():
    html = render_html(sample_summary())
    page = parse(html)
    ids = {a["id"] for _, a in page.tags if a.get("id")}
    anchors = [a["href"][1:] for tag, a in page.tags if tag == "a" and (a.get("href") or "").startswith("#")]
    assert anchors
    assert set(anchors) <= ids
    assert {
        "quick-takes",
        "key-ideas",
        "lessons",
        "in-depth",
        "all-key-ideas",
        "all-lessons",
        "provenance",
    } <= ids
    positions = [html.index(f">{h}<") for h in (outline.QUICK_TAKES, outline.TLDR, outline.KEY_IDEAS)]
    assert positions == sorted(positions)
    texts = "".join(page.text)
    order = [
        outline.QUICK_TAKES,
        outline.ONE_SENTENCE,
        outline.QUOTE,
        outline.TLDR,
        outline.KEY_IDEAS,
        outline.LESSONS,
        outline.CONCLUSION,
        outline.ALL_KEY_IDEAS,
        outline.ALL_LESSONS,
        outline.CHAPTERS,
        outline.PROVENANCE,
    ]
    body = texts[texts.index("Contents") + 1 :]
    body = body[body.index(outline.PROVENANCE) + len(outline.PROVENANCE) :]  # skip the contents list
    found = [body.index(part) for part in order]
    assert found == sorted(found)


def test_provenance_chapters_and_every_in_depth_idea_are_on_the_page():
    summary = sample_summary()
    text = "".join(parse(render_html(summary)).text)
    for label, value in (("Transcript", "publisher transcript (vtt)"), ("Summarizer", "llm (gpt-4o-mini)")):
        assert label in text
        assert value in text
    assert "41,230 in, 6,874 out over 26 model calls" in text
    for chapter in summary.chapters:
        assert chapter.title in text
    for section in summary.in_depth:
        assert all(idea in text for idea in section.key_ideas)
        assert all(lesson.explanation in text for lesson in section.lessons)


def test_a_chapter_link_is_kept_only_when_it_is_http():
    summary = sample_summary(
        chapters=[
            Chapter(start_seconds=0, title="Intro", url="https://workshophour.example.com/intro"),
            Chapter(start_seconds=60, title="Bad", url="javascript:alert(1)"),
        ]
    )
    page = parse(render_html(summary))
    hrefs = [a.get("href") for tag, a in page.tags if tag == "a"]
    assert "https://workshophour.example.com/intro" in hrefs
    assert not any("javascript" in (h or "") for h in hrefs)


def test_the_page_is_self_contained_with_no_scripts_or_remote_resources():
    html = render_html(sample_summary())
    page = parse(html)
    assert not [t for t, _ in page.tags if t in {"script", "link", "img", "iframe"}]
    assert re.search(r"<style>\s*/\* The standalone summary page", html)
    assert '<html lang="en">' in html
