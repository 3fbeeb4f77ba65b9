"""The summary as JSON: the model's own serialisation (the stable contract), indented for people."""

from podcast_digest.models import Summary


def render_json(summary: Summary) -> str:
    """The summary model as JSON with an indent of 2 (non-ASCII kept as is)."""
    return summary.model_dump_json(indent=2) + "\n"
