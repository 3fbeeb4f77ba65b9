"""Delivery against SMTP servers that misbehave on purpose: what is sent is counted once, what is not
waits or is refused, and what cannot be known is never counted as sent."""

import os
import signal
import threading
import time

import pytest

from podcast_digest.delivery import Outcome, deliver_once
from podcast_digest.models import DeliveryStatus
from tests.integration.delivery.conftest import SUBSCRIBER, a_digest
from tests.support.smtp_server import Misbehaviour, misbehaving_smtp_server

KEY = "episode-1"


def deliver(ctx):
    return deliver_once(ctx, a_digest(), KEY, SUBSCRIBER.subscriber_id)


def marker(ctx):
    return ctx.records.get_delivery(SUBSCRIBER.subscriber_id, KEY)


@pytest.mark.parametrize("quit_answer", ["421 4.3.2 Shutting down", "drop", "hang"])
def test_a_message_accepted_after_data_is_sent_once_whatever_quit_answers(smtp_context, quit_answer):
    with misbehaving_smtp_server(Misbehaviour(quit=quit_answer)) as server:
        ctx = smtp_context(server.port)
        assert deliver(ctx).outcome is Outcome.SENT
        assert deliver(ctx).outcome is Outcome.ALREADY_SENT
    assert len(server.received) == 1
    assert marker(ctx).status is DeliveryStatus.SENT
    assert marker(ctx).message_id == server.message_ids()[0]


@pytest.mark.parametrize(
    ("behaviour", "outcome", "arrived"),
    [
        (Misbehaviour(rcpt="451 4.2.1 Mailbox busy"), Outcome.TRANSIENT, 0),
        (Misbehaviour(rcpt="550 5.1.1 No such user"), Outcome.REFUSED, 0),
        (Misbehaviour(data="452 4.3.1 Insufficient storage"), Outcome.TRANSIENT, 1),
        (Misbehaviour(data="554 5.7.1 Message refused"), Outcome.REFUSED, 1),
    ],
    ids=["451-at-rcpt", "550-at-rcpt", "452-at-data", "554-at-data"],
)
def test_a_refusal_is_recorded_as_failed_with_the_servers_reason(smtp_context, behaviour, outcome, arrived):
    with misbehaving_smtp_server(behaviour) as server:
        ctx = smtp_context(server.port)
        result = deliver(ctx)
    assert result.outcome is outcome
    assert len(server.received) == arrived
    assert marker(ctx).status is DeliveryStatus.FAILED
    assert (behaviour.rcpt if arrived == 0 else behaviour.data).split(" ", 1)[0] in (marker(ctx).error or "")


@pytest.mark.parametrize(
    "behaviour",
    [Misbehaviour(after_data="drop"), Misbehaviour(data_delay=3.0)],
    ids=["dropped-after-the-message", "answer-slower-than-our-timeout"],
)
def test_a_message_whose_answer_never_came_is_not_counted_and_goes_again_with_its_message_id(
    smtp_context, behaviour
):
    with misbehaving_smtp_server(behaviour) as server:
        ctx = smtp_context(server.port, timeout=0.5)
        first = deliver(ctx)
        assert first.outcome is Outcome.TRANSIENT
        assert "answer never came" in (first.reason or "")
        assert marker(ctx).status is DeliveryStatus.SENDING  # unknown: neither sent nor failed

        server.behaviour = Misbehaviour()
        assert deliver(ctx).outcome is Outcome.RESENT
    [once, again] = server.message_ids()
    assert once == again  # receivers fold the repeat away
    assert marker(ctx).status is DeliveryStatus.SENT


def test_a_slow_answer_within_the_timeout_is_simply_sent(smtp_context):
    with misbehaving_smtp_server(Misbehaviour(data_delay=0.3)) as server:
        ctx = smtp_context(server.port, timeout=5)
        assert deliver(ctx).outcome is Outcome.SENT
    assert len(server.received) == 1


def test_a_dropped_connection_before_the_message_is_a_wait_not_a_loss(smtp_context):
    with misbehaving_smtp_server(Misbehaviour(rcpt="drop")) as server:
        ctx = smtp_context(server.port)
        assert deliver(ctx).outcome is Outcome.TRANSIENT
    assert server.received == []
    assert marker(ctx).status is DeliveryStatus.FAILED


def test_ctrl_c_while_waiting_for_the_answer_stops_the_send_and_leaves_it_uncertain(smtp_context):
    # Ctrl-C as a terminal delivers it: a shell that starts the suite in the background leaves SIGINT
    # ignored, and Python then installs no KeyboardInterrupt handler of its own.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        _ctrl_c_while_waiting_for_the_answer(smtp_context)
    finally:
        signal.signal(signal.SIGINT, previous)


def _ctrl_c_while_waiting_for_the_answer(smtp_context) -> None:
    # The server takes the message and answers 250 a moment after Ctrl-C. smtplib's __exit__ used
    # to send QUIT, read that pending 250 and raise SMTPResponseException in place of the
    # KeyboardInterrupt: the run went on and recorded a delivered message as refused.
    with misbehaving_smtp_server(Misbehaviour(data_delay=2.0)) as server:
        ctx = smtp_context(server.port, timeout=5)
        stop = threading.Event()

        def ctrl_c_once_the_message_is_in() -> None:
            # Pressed while we wait for the answer, however slow this machine is to get there.
            deadline = time.monotonic() + 10
            while not server.received and time.monotonic() < deadline and not stop.is_set():
                time.sleep(0.01)
            if server.received and not stop.is_set():
                os.kill(os.getpid(), signal.SIGINT)

        interrupt = threading.Thread(target=ctrl_c_once_the_message_is_in, daemon=True)
        interrupt.start()
        try:
            with pytest.raises(KeyboardInterrupt):
                deliver(ctx)
        finally:
            stop.set()
            interrupt.join()
        assert marker(ctx).status is DeliveryStatus.SENDING  # may have gone: never counted as sent
        assert deliver(ctx).outcome is Outcome.RESENT
    [once, again] = server.message_ids()
    assert once == again
