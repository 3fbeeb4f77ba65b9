"""Changing a feed's controls (`feeds set`): the change validated whole, or refused with one line."""

from typing import Any

from pydantic import ValidationError

from podcast_digest.errors import BadInputError
from podcast_digest.models import FeedControls

# What `--clear` accepts (the CLI's spelling, dashes or underscores) -> the field it empties.
CLEARABLE = {
    "language": "language",
    "summary-language": "summary_language",
    "instructions": "instructions",
    "skip-title": "skip_title_patterns",
    "skip-longer-than": "skip_longer_than_seconds",
}
_OPTION_OF = {field: f"--{name}" for name, field in CLEARABLE.items()}


def changed_controls(current: FeedControls, changes: dict[str, Any], clear: list[str]) -> FeedControls:
    """`current` with `changes` (field -> raw value) set and the `clear` keys emptied, validated as a
    whole; BadInputError saying which option was wrong and why."""
    values = current.model_dump()
    for key in clear:
        if key == "all":
            values = FeedControls().model_dump()
            continue
        field = CLEARABLE.get(key.strip().lower().replace("_", "-"))
        if field is None:
            raise BadInputError(
                f"--clear {key[:40]!r}: not a control; use one of {', '.join([*CLEARABLE, 'all'])}"
            )
        values[field] = FeedControls.model_fields[field].get_default(call_default_factory=True)
    values.update(changes)
    try:
        return FeedControls.model_validate(values)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else ""
        message = str(error["msg"]).removeprefix("Value error, ")
        raise BadInputError(f"{_OPTION_OF.get(field, field)}: {message}") from None
