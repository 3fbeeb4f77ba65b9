"""The line the operator's own copy of a digest carries while episodes wait for the budget."""

from markupsafe import escape

from podcast_digest.costs.allowance import spent
from podcast_digest.costs.month import month_of
from podcast_digest.costs.report import waiting_for_budget
from podcast_digest.models import OutgoingEmail
from podcast_digest.models.subscriber import normalise_email
from podcast_digest.pipeline.context import Context

MAX_TITLES = 3


def budget_notice(ctx: Context) -> str | None:
    """'Budget: N episodes wait …' with this month's figures; None when nothing waits."""
    # Imported here: the digest package (jinja2, the renderers) is no cold-start cost of every
    # function that imports the pipeline's steps, only of the notify step that mails.
    from podcast_digest.digest.outline import one_line

    waiting = waiting_for_budget(ctx.records)
    if not waiting:
        return None
    month = month_of(ctx.clock())
    budget = ctx.settings.monthly_budget_usd
    cap = f" of ${budget:.2f}" if budget is not None else ""
    titles = ", ".join(one_line(e.title or e.episode_id)[:80] for e in waiting[:MAX_TITLES])
    more = f" and {len(waiting) - MAX_TITLES} more" if len(waiting) > MAX_TITLES else ""
    return (
        f"Budget: {len(waiting)} episode(s) wait for the monthly budget (${spent(ctx.records, month):.4f}"
        f"{cap} spent in {month}): {titles}{more}. `podcast-digest costs` has the figures."
    )


def is_operator(ctx: Context, address: str) -> bool:
    operator = ctx.settings.operator_address
    if not operator:
        return False
    try:
        return normalise_email(operator) == normalise_email(address)
    except ValueError:
        return False


def with_operator_notice(ctx: Context, email: OutgoingEmail, notice: str | None) -> OutgoingEmail:
    """The operator's copy with the budget line at the foot of both parts; anyone else's unchanged."""
    if notice is None or not is_operator(ctx, email.to):
        return email
    html = email.html
    paragraph = f'<p style="font-size:12px;color:#8a5a00">{escape(notice)}</p>'
    if html and "</body>" in html:
        head, _, tail = html.rpartition("</body>")
        html = f"{head}{paragraph}</body>{tail}"
    elif html:
        html = html + paragraph
    return email.model_copy(update={"text": f"{email.text.rstrip()}\n\n{notice}\n", "html": html})
