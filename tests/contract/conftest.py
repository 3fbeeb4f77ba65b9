"""Adapter factories for the contract suites: every adapter of a port must pass the same tests.

To put another adapter under contract (DynamoDB under moto, S3, SES), write a
factory, a context manager that takes the test's ``tmp_path`` and yields a
ready adapter (for mailers, a ``MailerHarness``), and append
``pytest.param(factory, id="<name>")`` to the matching list below. The suites
only use the port's methods, so nothing else changes.
"""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from podcast_digest.adapters.folder_blobs import FolderBlobStore
from podcast_digest.adapters.mail.outbox import OutboxMailer
from podcast_digest.adapters.mail.smtp import SMTPMailer
from podcast_digest.adapters.sqlite import SQLiteRecords
from podcast_digest.ports import BlobStore, Mailer, Records
from tests.support import aws
from tests.support.smtp_server import smtp_server

# -- records -------------------------------------------------------------------------------------


@contextmanager
def sqlite_records(tmp_path: Path) -> Iterator[Records]:
    with SQLiteRecords(tmp_path / "records.sqlite3") as records:
        yield records


# moto checks a condition and writes in two steps with no lock, so threads racing a conditional
# write can both win there (DynamoDB itself does not let them). The racing tests skip such a factory;
# its conditional writes are still held to the contract one call at a time.
MOTO_RACES = pytest.mark.unserialised_writes(
    "moto does not serialise concurrent conditional writes (DynamoDB does): a race here tests moto"
)

RECORDS_FACTORIES = [pytest.param(sqlite_records, id="sqlite")]
RECORDS_FACTORIES.append(pytest.param(aws.dynamodb_records, id="dynamodb", marks=MOTO_RACES))


# -- blobs ---------------------------------------------------------------------------------------


@contextmanager
def folder_blobs(tmp_path: Path) -> Iterator[BlobStore]:
    yield FolderBlobStore(tmp_path / "blobs")


BLOBS_FACTORIES = [pytest.param(folder_blobs, id="folder")]
BLOBS_FACTORIES.append(pytest.param(aws.s3_blobs, id="s3"))


# -- mailers -------------------------------------------------------------------------------------


@dataclass
class MailerHarness:
    """A mailer plus a way to see what it really delivered."""

    mailer: Mailer
    sent_raw: Callable[[], list[bytes]]
    """Every delivered message as the bytes the recipient's side got, oldest first."""
    envelope_recipients: Callable[[], list[list[str]]] | None = None
    """Per message, the SMTP envelope's recipients (None where the transport has no envelope)."""
    returns_message_id_header: bool = True
    """send() returns the Message-ID header (False for a provider that returns its own id)."""

    def sent(self) -> list[EmailMessage]:
        messages = []
        for data in self.sent_raw():
            message = message_from_bytes(data, policy=policy.default)
            assert isinstance(message, EmailMessage)
            messages.append(message)
        return messages


@contextmanager
def outbox_mailer(tmp_path: Path) -> Iterator[MailerHarness]:
    folder = tmp_path / "outbox"
    yield MailerHarness(
        mailer=OutboxMailer(folder),
        sent_raw=lambda: [path.read_bytes() for path in sorted(folder.glob("*.eml"))],
    )


@contextmanager
def smtp_mailer(tmp_path: Path) -> Iterator[MailerHarness]:
    """SMTPMailer talking STARTTLS and AUTH to a real aiosmtpd server on 127.0.0.1."""
    with smtp_server(tmp_path) as server:
        mailer = SMTPMailer(
            server.host,
            server.port,
            username=server.username,
            password=server.password,
            ssl_context=server.client_ssl_context,
            timeout=10.0,
        )
        yield MailerHarness(
            mailer=mailer,
            sent_raw=lambda: [mail.data for mail in server.received],
            envelope_recipients=lambda: [mail.rcpt_tos for mail in server.received],
        )


MAILER_FACTORIES = [pytest.param(outbox_mailer, id="outbox"), pytest.param(smtp_mailer, id="smtp")]
MAILER_FACTORIES.append(pytest.param(aws.ses_mailer, id="ses"))


# -- fixtures ------------------------------------------------------------------------------------


def skip_if_writes_are_not_serialised(request: pytest.FixtureRequest) -> None:
    """For tests that race threads: skip, saying why, where the backend cannot arbitrate."""
    marker = request.node.get_closest_marker("unserialised_writes")
    if marker is not None:
        pytest.skip(marker.args[0])


Factory = Callable[[Path], AbstractContextManager]


@pytest.fixture(params=RECORDS_FACTORIES)
def records(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Records]:
    factory: Factory = request.param
    with factory(tmp_path) as adapter:
        yield adapter


@pytest.fixture(params=BLOBS_FACTORIES)
def blobs(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BlobStore]:
    factory: Factory = request.param
    with factory(tmp_path) as adapter:
        yield adapter


@pytest.fixture(params=MAILER_FACTORIES)
def mail(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MailerHarness]:
    factory: Factory = request.param
    with factory(tmp_path) as harness:
        yield harness
