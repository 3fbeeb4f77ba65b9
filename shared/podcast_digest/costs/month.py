"""Calendar months (UTC) as the ledger files them: 'YYYY-MM'."""

import re
from datetime import UTC, datetime

from podcast_digest.errors import BadInputError

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def month_of(when: datetime) -> str:
    aware = when if when.tzinfo else when.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m")


def checked_month(text: str) -> str:
    """A month as the user typed it ('2026-11'); one clear error otherwise."""
    value = text.strip()
    if not _MONTH.fullmatch(value):
        raise BadInputError(f"month {text!r} is not a month: write it as YYYY-MM, e.g. 2026-11")
    return value
