"""One entry point for every format; JSON is the model's own contract."""

import json

import pytest
from podcast_digest import digest
from podcast_digest.models import Summary

from tests.support.summaries import sample_summary


def test_render_produces_each_format_from_the_same_summary():
    summary = sample_summary()
    outputs = {fmt: digest.render(summary, fmt) for fmt in ("txt", "md", "html", "json")}
    assert outputs["txt"].startswith("Podcast Episode Summary\n")
    assert outputs["md"].startswith("# Podcast Episode Summary\n")
    assert outputs["html"].startswith("<!DOCTYPE html>")
    assert json.loads(outputs["json"])["episode_id"] == summary.episode_id
    for output in outputs.values():
        assert summary.in_depth[-1].lessons[-1].explanation in output


def test_render_refuses_an_unknown_format_and_names_the_choices():
    with pytest.raises(ValueError, match=r"unknown summary format 'pdf': choose one of txt, md, html, json"):
        digest.render(sample_summary(), "pdf")


def test_json_round_trips_to_the_same_summary_with_an_indent_of_two():
    summary = sample_summary()
    rendered = digest.render_json(summary)
    assert Summary.model_validate_json(rendered) == summary
    assert rendered.startswith('{\n  "schema_version": 1,')
    assert "Maya Okafor" in rendered
