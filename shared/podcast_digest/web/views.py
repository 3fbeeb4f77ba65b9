"""Rendering the site's pages from templates/ (autoescaped: every feed value is text)."""

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from podcast_digest.digest.render_html import environment as digest_environment
from podcast_digest.models import Frequency
from podcast_digest.web.site import Site

if TYPE_CHECKING:
    from jinja2 import Environment

FREQUENCY_CHOICES = [
    (Frequency.PER_EPISODE.value, "Every episode, as soon as its summary is ready"),
    (Frequency.DAILY.value, "One daily roundup"),
    (Frequency.WEEKLY.value, "One weekly roundup"),
]


@lru_cache(maxsize=1)
def environment() -> "Environment":
    """The digest's environment (autoescape, strict undefined) over the site's own templates."""
    from jinja2 import PackageLoader

    return digest_environment().overlay(loader=PackageLoader("podcast_digest.web", "templates"))


def render(site: Site, template: str, title: str, **values: Any) -> str:
    values.setdefault("frequencies", FREQUENCY_CHOICES)
    values.setdefault("frequency", Frequency.PER_EPISODE.value)
    return (
        environment()
        .get_template(template)
        .render(title=title, root=site.root, archive_public=site.archive_public, **values)
    )


def message(
    site: Site,
    title: str,
    paragraphs: list[str],
    *,
    details: list[tuple[str, str]] | None = None,
    button: dict[str, str] | None = None,
    links: list[tuple[str, str]] | None = None,
) -> str:
    return render(
        site,
        "message.html.j2",
        title,
        paragraphs=paragraphs,
        details=details or [],
        button=button,
        links=links or [],
    )


def site_bar(site: Site) -> str:
    """The bar on top of every page, for pages rendered from other templates (the summary page)."""
    css = environment().get_template("site.css").render()
    bar = (
        environment()
        .get_template("site_bar.html.j2")
        .render(root=site.root, archive_public=site.archive_public)
    )
    # Only the bar's own rules, scoped to it, so the summary page's styles are left as they are.
    scoped = "\n".join(line for line in css.splitlines() if line.startswith(".site-bar"))
    return f"<style>\n.site-bar{{font-family:inherit}}\n{scoped}\n</style>\n{bar}"


def with_site_bar(site: Site, page: str) -> str:
    return page.replace("<body>\n", f"<body>\n{site_bar(site)}", 1)
