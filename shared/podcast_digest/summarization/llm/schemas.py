"""What the model must answer: pydantic models sent as strict JSON schemas (structured outputs).

These are the model's side of the contract, deliberately flat and free of
defaults so the same schema works in OpenAI's strict mode and with compatible
endpoints (vLLM, Ollama, LM Studio). Whatever comes back is validated by these
models and then cleaned in code (cleaning.py) before it becomes a `Summary`.
"""

import copy
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Answer(BaseModel):
    # A model that adds keys (or obeys a transcript asking it to) does not change our structure.
    model_config = ConfigDict(extra="ignore")


class NoteLesson(_Answer):
    title: str = Field(description="a short bold title, 2-8 words")
    explanation: str = Field(description="one sentence explaining the lesson or advice")


class SectionNotes(_Answer):
    """The map step's answer: the In-Depth part of one section of the episode."""

    heading: str = Field(description="a heading naming what this part of the episode is about")
    key_ideas: list[str] = Field(
        description="every key idea of this part, one sentence each, nothing skipped"
    )
    lessons_heading: str = Field(description="a heading for the lessons of this part")
    lessons: list[NoteLesson] = Field(description="every lesson and piece of actionable advice in this part")
    quote_candidates: list[str] = Field(
        description="1-3 memorable sentences copied word for word from this part of the transcript"
    )
    promises_addressed: list[int] = Field(description="numbers of the listed promises this part delivers on")


class IdeaGroup(_Answer):
    heading: str = Field(description="the topic of the group")
    ideas: list[str] = Field(description="3-5 short ideas, one sentence each")


class EpisodeOverview(_Answer):
    """The reduce step's answer: every part of the house format above the In-Depth part."""

    is_clickbait: bool = Field(description="true when the episode does not deliver what its title promises")
    verdict: str = Field(description="one or two sentences: is it clickbait, and what it covers")
    one_sentence_summary: str = Field(description="one sentence: who, what, why it matters")
    tldr: str = Field(description="one paragraph")
    key_ideas: list[IdeaGroup] = Field(description="6-10 topic groups across the whole episode")
    lessons: list[NoteLesson] = Field(description="10-25 of the most valuable lessons of the episode")
    conclusion: str = Field(description="one paragraph")
    favorite_quotes: list[int] = Field(description="numbers of the quote candidates, most memorable first")


def response_format(answer: type[BaseModel], name: str) -> dict[str, Any]:
    """The `response_format` for chat completions: a strict JSON schema of `answer`."""
    return {
        "type": "json_schema",
        "json_schema": {"name": name, "strict": True, "schema": _strict(answer.model_json_schema())},
    }


def _strict(schema: dict[str, Any]) -> dict[str, Any]:
    """Strict mode: every object closed (no extra keys) and every property required."""
    schema = copy.deepcopy(schema)

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
                node["required"] = list(node["properties"])
            node.pop("default", None)
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(schema)
    return schema
