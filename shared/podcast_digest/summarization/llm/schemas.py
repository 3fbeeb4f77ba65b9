"""What the model must answer: pydantic models sent as strict JSON schemas (structured outputs).

These are the model's side of the contract, deliberately flat and free of
defaults so the same schema works in OpenAI's strict mode and with compatible
endpoints (vLLM, Ollama, LM Studio). The schema carries the counts the house
format fixes (minItems/maxItems), so a strict server enforces them; validation
here stays lenient on counts (code trims what is over, checks.py asks again
when a part is empty), since a compatible server may not enforce them.
Whatever comes back is validated by these models and then cleaned in code
(cleaning.py) before it becomes a `Summary`.
"""

import copy
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from podcast_digest.models.base import DomainModel


def _count(low: int, high: int) -> dict[str, Any]:
    return {"json_schema_extra": {"minItems": low, "maxItems": high}}


class _Answer(DomainModel):
    # A model that adds keys (or obeys a transcript asking it to) does not change our structure.
    model_config = ConfigDict(extra="ignore")


# Descriptions stay off where the system prompt already says it: the schema is billed on every call.


class NoteLesson(_Answer):
    title: str  # the claim, 3-10 words (the system prompt says so once; the schema is billed per call)
    explanation: str  # one sentence


class SectionNotes(_Answer):
    """The map step's answer for one part of the episode: its In-Depth notes."""

    heading: str
    key_ideas: list[str] = Field(**_count(1, 12))
    lessons_heading: str
    lessons: list[NoteLesson] = Field(**_count(2, 7))
    quote_candidates: list[str] = Field(**_count(1, 3))
    promises_addressed: list[int]


class BatchNotes(_Answer):
    """The map step's answer for a batch of consecutive parts: one SectionNotes per part, in order."""

    parts: list[SectionNotes]


class IdeaGroup(_Answer):
    heading: str
    ideas: list[str] = Field(**_count(3, 5))


class EpisodeOverview(_Answer):
    """The reduce step's answer: every part of the house format above the In-Depth part."""

    is_clickbait: bool
    verdict: str
    one_sentence_summary: str
    tldr: str
    key_ideas: list[IdeaGroup] = Field(**_count(6, 10))
    lessons: list[int] = Field(description="numbers of LESSONS", **_count(10, 25))
    conclusion: str
    favorite_quotes: list[int] = Field(description="numbers of QUOTE CANDIDATES")


def response_format(
    answer: type[BaseModel], name: str, counts: dict[str, tuple[int, int]] | None = None
) -> dict[str, Any]:
    """The `response_format` for chat completions: a strict JSON schema of `answer`.

    `counts` overrides minItems/maxItems of top-level array properties for this call
    (a batch of 4 parts has exactly 4; a short episode has fewer key idea groups)."""
    schema = _strict(answer.model_json_schema())
    for prop, (low, high) in (counts or {}).items():
        schema["properties"][prop].update(minItems=low, maxItems=high)
    return {"type": "json_schema", "json_schema": {"name": name, "strict": True, "schema": schema}}


def _strict(schema: dict[str, Any]) -> dict[str, Any]:
    """Strict mode: every object closed (no extra keys) and every property required; no titles,
    no class docstrings (written for us, not the model: fewer tokens on every call)."""
    schema = copy.deepcopy(schema)

    def visit(node: Any) -> None:
        if isinstance(node, list):
            for value in node:
                visit(value)
        if not isinstance(node, dict):
            return
        for key in ("title", "default"):
            node.pop(key, None)
        if node.get("type") == "object" and "properties" in node:
            node.pop("description", None)
            node["additionalProperties"] = False
            node["required"] = list(node["properties"])
            for value in node["properties"].values():
                visit(value)
        for key, value in node.items():
            if key in ("$defs", "definitions"):
                for definition in value.values():
                    visit(definition)
            elif key != "properties":
                visit(value)

    visit(schema)
    return schema
