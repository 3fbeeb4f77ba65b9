"""Which addresses the fetcher may connect to."""

import pytest

from podcast_digest.feeds.addresses import parse_address, refusal_reason


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "169.254.1.1",
        "100.64.0.1",
        "0.0.0.0",
        "::",
        "224.0.0.1",
        "239.255.255.250",
        "ff02::1",
        "240.0.0.1",
        "255.255.255.255",
        "fc00::1",
        "fd00:ec2::254",
        "fe80::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "2002:a00:1::",  # 6to4 wrapping 10.0.0.1
        "64:ff9b::a00:1",  # NAT64 wrapping 10.0.0.1
        "192.0.2.1",  # documentation range
    ],
)
def test_private_loopback_and_special_addresses_are_refused(address):
    assert refusal_reason(parse_address(address)) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_unicast_addresses_pass(address):
    assert refusal_reason(parse_address(address)) is None


def test_allow_loopback_permits_plain_loopback_only():
    assert refusal_reason(parse_address("127.0.0.1"), allow_loopback=True) is None
    assert refusal_reason(parse_address("127.0.0.2"), allow_loopback=True) is None
    assert refusal_reason(parse_address("::1"), allow_loopback=True) is None
    # Embedded forms and everything else stay refused.
    assert refusal_reason(parse_address("::ffff:127.0.0.1"), allow_loopback=True) is not None
    assert refusal_reason(parse_address("10.0.0.1"), allow_loopback=True) is not None
    assert refusal_reason(parse_address("169.254.169.254"), allow_loopback=True) is not None


def test_metadata_address_is_named_in_the_reason():
    assert "metadata" in (refusal_reason(parse_address("169.254.169.254")) or "")
    assert "metadata" in (refusal_reason(parse_address("fd00:ec2::254")) or "")


def test_zone_ids_are_ignored_when_parsing():
    assert str(parse_address("fe80::1%eth0")) == "fe80::1"
