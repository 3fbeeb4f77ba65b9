"""One headless Chromium (Debian's, driven by Playwright) for a whole test session: pages at a given
width and colour scheme, measured the way a person would scroll them.

Playwright never downloads a browser here: it drives /usr/bin/chromium. Tests skip with a
reason where either is missing (`make system-deps` installs Chromium, the dev extra Playwright).
"""

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")

# For every element holding text: its colour and the first opaque background behind it.
_TEXT_COLOURS = """() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.display === 'none' || style.visibility === 'hidden') continue;
    let bg = null;
    for (let node = el; node; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length >= 3 && (c.length === 3 || c[3] > 0)) { bg = c.slice(0, 3); break; }
    }
    out.push({tag: el.tagName, text: el.textContent.trim().slice(0, 40), fg: rgb(style.color).slice(0, 3),
              bg: bg || [255, 255, 255]});
  }
  return out;
}"""


@dataclass(frozen=True)
class Layout:
    width: int
    scroll_width: int
    height: int


def chromium_path() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("chromium is not installed (apt-get install chromium, or `make system-deps`)")


class Browser:
    """Pages opened from files (no network) in one running Chromium."""

    def __init__(self, browser: Any) -> None:
        self._browser = browser

    @property
    def playwright_browser(self) -> Any:
        return self._browser

    @contextmanager
    def page(self, html_file: Path, width: int, scheme: str = "light") -> Iterator[Any]:
        page = self._browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
        try:
            # Nothing but the file itself loads: a page that fetched anything would fail here.
            page.route(re.compile(r"^(?!file:)"), lambda route: route.abort())
            page.goto(html_file.resolve().as_uri())
            yield page
        finally:
            page.close()

    def layout(self, page: Any, width: int) -> Layout:
        scroll_width, height = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
        )
        return Layout(width, scroll_width, height)

    def text_colours(self, page: Any) -> list[dict[str, Any]]:
        return page.evaluate(_TEXT_COLOURS)

    def screenshot(self, page: Any, png: Path, *, full_page: bool = False) -> Path:
        """The viewport, or the whole page (slow for tall pages: PNG encoding grows with the height)."""
        page.screenshot(path=str(png), full_page=full_page)
        return png


@contextmanager
def running_browser() -> Iterator[Browser]:
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (it is in the dev extra: pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield Browser(browser)
        finally:
            browser.close()


WIDTHS = (1280, 390)


@pytest.fixture(scope="session")
def browser(chromium: Browser) -> Any:
    """The session's Playwright browser itself, for tests that drive pages over HTTP (the web flow)."""
    return chromium.playwright_browser


def shoot(page: Any, folder: Path, name: str) -> list[Path]:
    """Screenshots of the page at each width; at the narrow one the page must not scroll sideways."""
    shots = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if width < 500:
            assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        path = folder / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        shots.append(path)
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    return shots
