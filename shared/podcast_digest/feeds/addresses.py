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

# Every cloud metadata / instance-service endpoint the providers document. Most are
# link-local or private and refused by the general rules too, but some are not
# (Azure's 168.63.129.16 and Oracle's 192.0.0.192 pass `is_global` in Python 3.11),
# so they are refused by name here whatever `is_global` says. Sources: the test
# tests/unit/feeds/test_metadata_addresses.py cites each provider's documentation.
_METADATA = "the cloud metadata service"
CLOUD_METADATA: dict[ipaddress.IPv4Address | ipaddress.IPv6Address, str] = {
    ipaddress.ip_address(text): f"{_METADATA} ({provider})"
    for text, provider in (
        ("169.254.169.254", "AWS, GCP, Azure, Oracle, DigitalOcean, Hetzner, OpenStack and others"),
        ("fd00:ec2::254", "AWS IMDS over IPv6"),
        ("169.254.170.2", "AWS ECS task metadata and credentials"),
        ("169.254.170.23", "AWS EKS Pod Identity credentials"),
        ("fd00:ec2::23", "AWS EKS Pod Identity credentials over IPv6"),
        ("169.254.169.253", "AWS VPC DNS resolver"),
        ("fd00:ec2::253", "AWS VPC DNS resolver over IPv6"),
        ("169.254.169.123", "AWS time sync"),
        ("fd00:ec2::123", "AWS time sync over IPv6"),
        ("fd20:ce::254", "GCP metadata server over IPv6"),
        ("168.63.129.16", "Azure WireServer and host agent"),
        ("192.0.0.192", "Oracle Cloud instance metadata"),
        ("fd00:c1::a9fe:a9fe", "Oracle Cloud instance metadata over IPv6"),
        ("100.100.100.200", "Alibaba Cloud instance metadata"),
        ("169.254.0.23", "Tencent Cloud instance metadata"),
        ("169.254.42.42", "Scaleway instance metadata"),
        ("fd00:42::42", "Scaleway instance metadata over IPv6"),
        ("fe80::a9fe:a9fe", "OpenStack metadata over IPv6"),
    )
}
# Names that reach a metadata service or a cluster's own API from inside; refused before any lookup.
METADATA_NAMES = {
    "metadata.google.internal": "GCP metadata server",
    "metadata.goog": "GCP metadata server",
    "metadata": "GCP metadata server (short name)",
    "instance-data": "AWS instance metadata",
    "instance-data.ec2.internal": "AWS instance metadata",
    "metadata.tencentyun.com": "Tencent Cloud instance metadata",
    "api.metadata.cloud.ibm.com": "IBM Cloud instance metadata",
    "metadata.platformequinix.com": "Equinix Metal metadata",
    "metadata.packet.net": "Equinix Metal (Packet) metadata",
    "kubernetes": "the Kubernetes API server",
    "kubernetes.default": "the Kubernetes API server",
    "kubernetes.default.svc": "the Kubernetes API server",
    "kubernetes.default.svc.cluster.local": "the Kubernetes API server",
}
# Suffixes only a private network resolves: nothing a public feed links to lives there.
INTERNAL_SUFFIXES = (
    ".internal",
    ".local",
    ".localdomain",
    ".localhost",
    ".svc",
    ".cluster.local",
    ".home.arpa",
)
CGNAT = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
LOOPBACK_V4 = ipaddress.ip_network("127.0.0.0/8")
LOOPBACK_V6 = ipaddress.ip_address("::1")


def host_refusal_reason(host: str, *, allow_loopback: bool = False) -> str | None:
    """Why we must not even look this host name up, or None (its addresses are then checked one by one)."""
    name = host.strip().rstrip(".").lower()
    if name in METADATA_NAMES:
        return f"{_METADATA} ({METADATA_NAMES[name]})"
    if name == "localhost" and allow_loopback:
        return None
    if name.endswith(INTERNAL_SUFFIXES) or name == "localhost":
        return "a name only a private network resolves"
    if "." not in name and ":" not in name:
        return "a single-label name, which only a private network resolves"
    return None


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
