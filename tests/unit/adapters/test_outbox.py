"""OutboxMailer: one .eml and one .html per message, named to be found, never overwritten."""

import re
import threading
from email import message_from_bytes, policy

from podcast_digest.adapters.mail.outbox import OutboxMailer, subject_slug
from podcast_digest.models import OutgoingEmail

NAME = re.compile(r"^(\d{8}T\d{12}Z)-([a-z0-9-]+)-([0-9a-f]{8})\.(eml|html)$")


def an_email(**changes) -> OutgoingEmail:
    fields = {
        "sender": "digest@example.org",
        "to": "listener@example.com",
        "subject": "Épisode 12: ça marche!",
        "text": "plain",
        "html": "<!doctype html><p>Résumé</p>",
    }
    return OutgoingEmail(**(fields | changes))


def test_a_message_is_written_as_eml_and_html_siblings(tmp_path):
    outbox = tmp_path / "outbox"
    message_id = OutboxMailer(outbox).send(an_email())

    names = sorted(p.name for p in outbox.iterdir())
    assert len(names) == 2
    stems = {NAME.fullmatch(name)[0].rsplit(".", 1)[0] for name in names}
    assert len(stems) == 1
    assert NAME.fullmatch(names[0])[2] == "episode-12-ca-marche"
    eml = message_from_bytes((outbox / names[0]).read_bytes(), policy=policy.default)
    assert eml["Message-ID"] == message_id
    assert (outbox / names[1]).read_text(encoding="utf-8") == "<!doctype html><p>Résumé</p>"


def test_the_same_subject_in_the_same_instant_never_overwrites(tmp_path):
    mailer = OutboxMailer(tmp_path)
    barrier = threading.Barrier(6, timeout=30)
    ids: list[str] = []

    def send(n: int) -> None:
        barrier.wait()
        ids.append(mailer.send(an_email(to=f"listener{n}@example.com")))

    threads = [threading.Thread(target=send, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(set(ids)) == 6
    assert len(list(tmp_path.glob("*.eml"))) == 6
    assert len(list(tmp_path.glob("*.html"))) == 6
    assert not list(tmp_path.glob(".*"))  # no temporary files left behind


def test_subject_slugs_are_short_ascii_and_never_empty():
    assert subject_slug("Épisode 12: ça marche!") == "episode-12-ca-marche"
    assert subject_slug("../../etc/passwd") == "etc-passwd"
    assert subject_slug("🎧🎧🎧") == "message"
    assert len(subject_slug("word " * 100)) <= 60
    assert not subject_slug("word " * 100).endswith("-")
