"""infra/statemachine/pipeline.asl.json: substitutions, retries, catches and the shape of the flow."""

import importlib
import json
import pkgutil
import re

import podcast_digest
from podcast_digest.errors import TransientError
from tests.infra.conftest import ASL

PLACEHOLDER = re.compile(r"\$\{([^}]+)\}")


def _tasks(asl: dict) -> dict[str, dict]:
    return {n: s for n, s in asl["States"].items() if s["Type"] == "Task"}


def test_every_placeholder_has_a_substitution_and_every_substitution_is_used(template):
    used = set(PLACEHOLDER.findall(ASL.read_text()))
    given = set(template["Resources"]["PipelineStateMachine"]["Properties"]["DefinitionSubstitutions"])
    assert used == given


def test_every_transition_names_a_state_and_every_state_is_reachable(asl):
    states = asl["States"]
    targets = {asl["StartAt"]}
    for state in states.values():
        targets |= {state[k] for k in ("Next", "Default") if k in state}
        targets |= {c["Next"] for c in state.get("Choices", []) + state.get("Catch", [])}
    assert targets <= set(states)
    assert targets == set(states)


def test_the_steps_run_in_order(asl):
    states = asl["States"]
    assert asl["StartAt"] == "Transcribe"
    assert states["Transcribe"]["Next"] == "TranscriptReady"
    assert states["TranscriptReady"]["Default"] == "Summarize"
    assert states["Summarize"]["Next"] == "Notify"
    assert states["Notify"]["End"] is True


def test_an_amazon_transcribe_job_is_awaited_by_a_wait_loop_not_a_lambda(asl):
    states = asl["States"]
    (choice,) = states["TranscriptReady"]["Choices"]
    assert choice == {"Variable": "$.job_name", "IsPresent": True, "Next": "WaitForTranscription"}
    assert states["WaitForTranscription"]["Type"] == "Wait"
    assert states["WaitForTranscription"]["SecondsPath"] == "$.wait_seconds"  # the check step backs off
    assert states["WaitForTranscription"]["Next"] == "CheckTranscription"
    assert states["CheckTranscription"]["Next"] == "TranscriptReady"


def test_every_step_retries_transient_errors_with_backoff_and_jitter(asl):
    for name, state in _tasks(asl).items():
        (transient,) = [r for r in state["Retry"] if "TransientError" in r["ErrorEquals"]]
        assert transient["BackoffRate"] > 1, name
        assert transient["JitterStrategy"] == "FULL", name
        assert transient["MaxAttempts"] >= 3, name


def test_every_transient_error_class_in_the_package_is_retried_by_name(asl):
    # Step Functions matches the Lambda errorType, the exact class name: a
    # subclass missing from ErrorEquals would never be retried.
    for module in pkgutil.walk_packages(podcast_digest.__path__, "podcast_digest."):
        try:
            importlib.import_module(module.name)
        except ImportError:
            continue  # an optional engine whose library this environment lacks
    names, pending = set(), [TransientError]
    while pending:
        cls = pending.pop()
        names.add(cls.__name__)
        pending.extend(cls.__subclasses__())
    for state_name, state in _tasks(asl).items():
        retried = {e for r in state["Retry"] for e in r["ErrorEquals"]}
        assert names <= retried, (state_name, names - retried)


def test_every_step_but_mark_failed_is_caught_into_mark_failed_with_its_step_name(asl):
    states = asl["States"]
    for name, state in _tasks(asl).items():
        if name == "MarkFailed":
            assert "Catch" not in state
            continue
        (catch,) = state["Catch"]
        assert catch["ErrorEquals"] == ["States.ALL"]
        assert catch["ResultPath"] == "$.failure"  # keeps the episode ids of the input
        handoff = states[catch["Next"]]
        assert handoff["Next"] == "MarkFailed"
        assert handoff["Parameters"]["error.$"] == "$.failure.Error"
        assert handoff["Parameters"]["step"] in {"transcribe", "summarize", "notify"}
    assert states["MarkFailed"]["Next"] == "EpisodeFailed"
    assert states["EpisodeFailed"]["Type"] == "Fail"


def test_payloads_are_the_lambda_results_only(asl):
    for name, state in _tasks(asl).items():
        assert state["OutputPath"] == "$.Payload", name
        assert state["Parameters"]["Payload.$"] == "$", name


def test_the_definition_is_plain_json_without_jsonata(asl):
    assert json.loads(ASL.read_text()) == asl
    assert asl.get("QueryLanguage", "JSONPath") == "JSONPath"
