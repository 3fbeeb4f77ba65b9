"""Done means (issue 15): the example feed's new episodes reach a Slack-shaped and a Discord-shaped
server and a signed webhook exactly once each (after dedupe by Idempotency-Key), while the real
`podcast-digest run` is killed mid-delivery at random points. `bench/kill_trials.py --transport
destinations` runs more."""

import signal

import pytest

from tests.support.destination_trials import run_post_trials

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("how", "trials"), [(signal.SIGKILL, 6), (signal.SIGINT, 2)], ids=["SIGKILL", "SIGINT"]
)
def test_a_run_killed_while_posting_loses_nothing_and_posts_each_episode_once_per_key(tmp_path, how, trials):
    tally = run_post_trials(trials, tmp_path, seed=1015, how=how)

    assert tally.kills > 0, "no run was stopped mid-post: the trial proved nothing"
    assert tally.final_run_failures == 0, tally.notes
    assert tally.lost == 0, tally.line()
    assert tally.duplicated == 0, tally.line()  # never a second key for one (server, episode)
    assert tally.unfinished_records == 0, tally.line()
    assert tally.exactly_once == tally.expected == trials * 6
    assert tally.raw == tally.expected + tally.resent  # every extra request is a same-key repeat
    print(tally.line())
