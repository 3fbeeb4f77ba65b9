"""The real `podcast-digest run`, killed (SIGKILL) and interrupted (SIGINT) while it sends: nothing lost,
nothing doubled. A few trials here; `bench/kill_trials.py` runs 50 per transport by hand."""

import signal

import pytest

from tests.support.kill_trials import run_trials

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("transport", "how", "trials"),
    [
        ("outbox", signal.SIGKILL, 4),
        ("smtp", signal.SIGKILL, 3),
        ("outbox", signal.SIGINT, 2),
        ("smtp", signal.SIGINT, 2),
    ],
    ids=["outbox-SIGKILL", "smtp-SIGKILL", "outbox-SIGINT", "smtp-SIGINT"],
)
def test_a_run_stopped_at_random_points_while_sending_loses_and_doubles_nothing(
    tmp_path, transport, how, trials
):
    tally = run_trials(transport, trials, tmp_path, seed=1011, how=how)

    assert tally.kills > 0, "no run was stopped mid-send: the trial proved nothing"
    assert tally.final_run_failures == 0, tally.notes
    assert (tally.lost, tally.duplicated, tally.stray_files) == (0, 0, 0), tally.line()
    assert tally.delivered == tally.expected
    if transport == "outbox":
        assert tally.resent == 0  # the file is the record: not even a repeat with the same Message-ID
