"""Which network addresses a feed, transcript or enclosure URL may make us connect to.

A feed is written by a stranger, so every URL in it (and every redirect it
answers with) could point at our own machine, the private network behind it,
or the cloud metadata service that hands out credentials. Only public unicast
addresses pass. Addresses that embed an IPv4 address (IPv4-mapped, 6to4,
Teredo, NAT64) are judged by the address they embed, so a private address
cannot be smuggled inside an IPv6 one.
"""

import ipaddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Named explicitly so the refusal message says what the address is; both are
# also link-local / unique-local and so refused by the general rules below.
CLOUD_METADATA = {
    ipaddress.ip_address("169.254.169.254"): "the cloud metadata service",
    ipaddress.ip_address("fd00:ec2::254"): "the cloud metadata service",
}
CGNAT = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
LOOPBACK_V4 = ipaddress.ip_network("127.0.0.0/8")
LOOPBACK_V6 = ipaddress.ip_address("::1")


def parse_address(text: str) -> IPAddress:
    """An address as getaddrinfo returns it (an IPv6 zone id such as `%eth0` is dropped)."""
    return ipaddress.ip_address(text.split("%", 1)[0])


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refusal_reason(address: IPAddress, *, allow_loopback: bool = False) -> str | None:
    """Why we must not connect to this address, or None when it is a public unicast address.

    allow_loopback permits 127.0.0.0/8 and ::1 only (local use and tests), never
    their IPv4-mapped or otherwise embedded forms.
    """
    if allow_loopback and (address == LOOPBACK_V6 or address in LOOPBACK_V4):
        return None
    if address in CLOUD_METADATA:
        return CLOUD_METADATA[address]
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            inner = refusal_reason(embedded, allow_loopback=False)
            if inner is not None:
                return f"{inner} (embedded in the IPv6 address)"
            if address.ipv4_mapped is not None:
                return None  # ::ffff:a.b.c.d is just the IPv4 address, judged above
    checks = (
        (address.is_unspecified, "an unspecified address"),
        (address.is_loopback, "a loopback address (this machine)"),
        (address.is_link_local, "a link-local address"),
        (address.is_multicast, "a multicast address"),
        (address.is_reserved, "a reserved address"),
        (isinstance(address, ipaddress.IPv4Address) and address in CGNAT, "a carrier-grade NAT address"),
        (address.is_private, "a private network address"),
        (not address.is_global, "not a public internet address"),
    )
    for refused, reason in checks:
        if refused:
            return reason
    return None
