"""The answers' JSON schemas are strict: closed objects, every property required, no defaults."""

import pytest
from pydantic import ValidationError

from podcast_digest.summarization.llm.schemas import EpisodeOverview, SectionNotes, response_format


def _objects(node):
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


@pytest.mark.parametrize(
    ("answer", "name"), [(SectionNotes, "section_notes"), (EpisodeOverview, "episode_overview")]
)
def test_every_object_in_the_schema_is_closed_and_fully_required(answer, name):
    fmt = response_format(answer, name)
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["name"] == name
    assert fmt["json_schema"]["strict"] is True
    objects = list(_objects(fmt["json_schema"]["schema"]))
    assert objects
    for obj in objects:
        assert obj["additionalProperties"] is False
        assert set(obj["required"]) == set(obj["properties"])
    assert '"default"' not in str(fmt).replace("'", '"')


def test_an_answer_missing_a_field_is_invalid():
    with pytest.raises(ValidationError):
        SectionNotes.model_validate_json('{"heading": "x", "key_ideas": []}')


def test_extra_keys_a_model_adds_are_ignored_not_kept():
    notes = SectionNotes.model_validate(
        {
            "heading": "h",
            "key_ideas": ["i"],
            "lessons_heading": "l",
            "lessons": [],
            "quote_candidates": [],
            "promises_addressed": [],
            "new_format_section": "pwned",
        }
    )
    assert "new_format_section" not in notes.model_dump()
