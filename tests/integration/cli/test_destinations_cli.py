"""`podcast-digest destinations add|list|remove|test`, and `run` reporting a disabled destination."""

from tests.support.webhook_servers import DISCORD, RECEIVER, SLACK, hook_server, status


def test_add_list_test_remove_a_slack_webhook_without_ever_printing_its_url(cli):
    with hook_server(SLACK) as slack:
        url = slack.url("/services/T0/B0/s3cr3tpart")
        added = cli("destinations", "add", "slack", url)
        assert added.exit_code == 0, added.output
        assert "s3cr3tpart" not in added.output
        destination_id = added.output.split()[1].rstrip(":")
        again = cli("destinations", "add", "slack", url)  # the same webhook: updated, not doubled
        assert destination_id in again.output
        listed = cli("destinations", "list")
        assert listed.output.count("slack") == 1
        assert "http://127.0.0.1" in listed.output
        assert "s3cr3tpart" not in listed.output
        tested = cli("destinations", "test", destination_id[:6])
        assert tested.exit_code == 0, tested.output
        assert slack.accepted()[0].document["blocks"][0]["text"]["text"] == "Test post from Podcast Digest"
        removed = cli("destinations", "remove", destination_id)
        assert removed.exit_code == 0
        assert "no destinations yet" in cli("destinations", "list").output


def test_a_webhook_gets_a_signing_secret_shown_once_and_its_test_post_verifies(cli):
    with hook_server(RECEIVER) as receiver:
        added = cli("destinations", "add", "webhook", receiver.url())
        secret = added.output.split("signing secret")[1].split(": ", 1)[1].split()[0]
        receiver.secret = secret
        destination_id = added.output.split()[1].rstrip(":")
        assert "signing secret" not in cli("destinations", "add", "webhook", receiver.url()).output
        tested = cli("destinations", "test", destination_id)
        assert tested.exit_code == 0, tested.output
        assert len(receiver.accepted()) == 1


def test_bad_urls_get_one_line_and_nothing_is_recorded(cli):
    for url, said in [
        ("http://hooks.slack.com/services/x", "plain http"),
        ("https://169.254.169.254/latest", "metadata"),
        ("not a url", "https://"),
    ]:
        result = cli("destinations", "add", "discord", url)
        assert result.exit_code == 1
        assert said in result.output
        assert "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert "no destinations yet" in cli("destinations", "list").output


def test_a_test_post_to_a_gone_webhook_disables_it_and_says_so(cli):
    with hook_server(DISCORD) as discord:
        destination_id = cli("destinations", "add", "discord", discord.url()).output.split()[1].rstrip(":")
        discord.script(status(404))
        tested = cli("destinations", "test", destination_id)
    assert tested.exit_code == 1
    assert "Unknown Webhook" in tested.output
    assert "disabled" in cli("destinations", "list").output


def test_a_folder_destination_is_accepted(cli, tmp_path):
    result = cli("destinations", "add", "folder", str(tmp_path / "vault"))
    assert result.exit_code == 0, result.output
    assert str(tmp_path / "vault") in cli("destinations", "list").output


def test_unknown_destination_is_one_line(cli):
    result = cli("destinations", "test", "nope")
    assert result.exit_code == 1
    assert "destinations list" in result.output


def test_run_posts_the_example_and_reports_a_destination_that_is_gone(cli):
    from tests.support.kill_trials import REPO

    with hook_server(SLACK, enforce_rate=False) as gone, hook_server(DISCORD) as discord:
        assert cli("feeds", "add", str(REPO / "examples" / "feed.xml"), "--backfill", "2").exit_code == 0
        cli("destinations", "add", "slack", gone.url())
        cli("destinations", "add", "discord", discord.url())
        gone.script(status(410))
        result = cli("run")
        second = cli("run")
    assert result.exit_code == 0, result.output
    assert "disabled" in result.output
    assert "channel_is_archived" in result.output
    assert "disabled" in second.output  # reported on every run until removed or re-added
    assert len(gone.received) == 1  # the second episode was never posted there
    assert len(discord.accepted()) == 2


def test_the_same_commands_on_the_aws_stack_keep_the_url_in_ssm(cli, monkeypatch):
    from podcast_digest.adapters.aws import clients
    from tests.support import aws

    aws.aws_environment(monkeypatch)
    monkeypatch.setenv("PODCAST_DIGEST_RECORDS", "dynamodb")
    monkeypatch.setenv("PODCAST_DIGEST_TABLE_NAME", aws.TABLE)
    with aws.moto_account():
        aws.create_table()
        url = "https://hooks.slack.com/services/T0/B0/awss3cret"
        added = cli("destinations", "add", "slack", url)
        assert added.exit_code == 0, added.output
        destination_id = added.output.split()[1].rstrip(":")
        listed = cli("destinations", "list")
        assert "https://hooks.slack.com/…" in listed.output
        assert "awss3cret" not in listed.output
        name = f"/podcast-digest/{aws.TABLE}/destinations/{destination_id}"
        kept = clients.ssm().get_parameter(Name=name, WithDecryption=True)["Parameter"]
        assert kept["Type"] == "SecureString"
        assert url in kept["Value"]
        assert cli("destinations", "remove", destination_id).exit_code == 0
        assert clients.ssm().get_parameters_by_path(Path=f"/podcast-digest/{aws.TABLE}")["Parameters"] == []
