"""The stack passes the monthly budget to every function (the gate is core logic in the steps)."""

import pytest

from podcast_digest.settings import Settings
from tests.support.cfn_values import refusals

SENDER = {"SenderAddress": "digest@example.com"}


def test_every_function_gets_the_budget_parameter_as_its_setting(template):
    variables = template["Globals"]["Function"]["Environment"]["Variables"]
    assert variables["PODCAST_DIGEST_MONTHLY_BUDGET_USD"] == {"Ref": "MonthlyBudgetUsd"}
    assert template["Parameters"]["MonthlyBudgetUsd"]["Default"] == ""


@pytest.mark.parametrize(("value", "setting"), [("", None), ("25", 25.0), ("12.50", 12.5), ("0", 0.0)])
def test_accepted_budgets_read_as_the_setting(template, monkeypatch, value, setting):
    assert refusals(template, SENDER | {"MonthlyBudgetUsd": value}) == []
    monkeypatch.setenv("PODCAST_DIGEST_MONTHLY_BUDGET_USD", value)
    assert Settings().monthly_budget_usd == setting


@pytest.mark.parametrize("value", ["-1", "ten", "1.234", "$5"])
def test_a_budget_that_is_not_dollars_is_refused_at_deploy(template, value):
    [refused] = refusals(template, SENDER | {"MonthlyBudgetUsd": value})
    assert "MonthlyBudgetUsd" in refused
