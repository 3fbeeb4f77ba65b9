"""Each AWS integration test gets its own moto account with the stack's table and bucket."""

import pytest

from tests.support import aws


@pytest.fixture
def moto_stack(monkeypatch):
    aws.aws_environment(monkeypatch)
    with aws.moto_account():
        aws.create_table()
        aws.create_bucket()
        aws.verify_sender()
        yield
