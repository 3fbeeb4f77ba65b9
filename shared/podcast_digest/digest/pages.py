"""Small HTML pages of the subscription API (confirmed, unsubscribe button, manage form, errors).

Autoescaped like every template here: feed titles and addresses are text.
"""

from dataclasses import dataclass, field

from podcast_digest.digest.email import inline_styles
from podcast_digest.digest.outline import one_line
from podcast_digest.digest.render_html import environment


@dataclass(frozen=True)
class PageForm:
    action: str
    token: str
    submit: str
    feeds: list[tuple[str, str, bool]] = field(default_factory=list)  # (feed id, title, checked)
    frequencies: list[tuple[str, str]] = field(default_factory=list)
    frequency: str | None = None


def render_page(heading: str, paragraphs: list[str], form: PageForm | None = None) -> str:
    if form is not None and form.feeds:
        form = PageForm(
            action=form.action,
            token=form.token,
            submit=form.submit,
            feeds=[(feed_id, one_line(title) or feed_id, checked) for feed_id, title, checked in form.feeds],
            frequencies=form.frequencies,
            frequency=form.frequency,
        )
    return (
        environment()
        .get_template("subscription_page.html.j2")
        .render(c=inline_styles(), heading=heading, paragraphs=paragraphs, form=form)
    )
