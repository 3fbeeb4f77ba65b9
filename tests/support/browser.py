"""One headless Chromium per test session, driven by Playwright (Debian's chromium, no download)."""

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

WIDTHS = (1280, 390)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        pytest.skip("chromium is not installed (apt-get install chromium, or `make system-deps`)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


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
