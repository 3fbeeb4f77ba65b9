"""Every documented cloud metadata endpoint is refused, by address and by name, whatever `is_global` says.

Each entry names the provider's documentation it comes from. The SafeFetcher is asked for each one
with loopback allowed (the most permissive setting): none may reach getaddrinfo's answer or a socket.
"""

import ipaddress
import socket

import pytest

from podcast_digest.errors import UnsafeInputError
from podcast_digest.feeds.addresses import parse_address, refusal_reason
from podcast_digest.feeds.fetch import SafeFetcher
from podcast_digest.settings import Settings

METADATA_ADDRESSES = [
    # AWS EC2 IMDS: docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html
    "169.254.169.254",
    "fd00:ec2::254",
    # AWS ECS task metadata/credentials: docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
    "169.254.170.2",
    # AWS EKS Pod Identity agent: docs.aws.amazon.com/eks/latest/userguide/pod-id-how-it-works.html
    "169.254.170.23",
    "fd00:ec2::23",
    # AWS Route 53 VPC resolver: docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html
    "169.254.169.253",
    "fd00:ec2::253",
    # AWS time sync: docs.aws.amazon.com/AWSEC2/latest/UserGuide/set-time.html
    "169.254.169.123",
    "fd00:ec2::123",
    # GCP metadata server (IPv4 and IPv6): cloud.google.com/compute/docs/metadata/querying-metadata
    "fd20:ce::254",
    # Azure IMDS is 169.254.169.254 (learn.microsoft.com/azure/virtual-machines/instance-metadata-service);
    # Azure WireServer: learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16
    "168.63.129.16",
    # Oracle Cloud IMDS (legacy v1 endpoint and IPv6): docs.oracle.com/iaas/Content/Compute/Tasks/gettingmetadata.htm
    "192.0.0.192",
    "fd00:c1::a9fe:a9fe",
    # Alibaba Cloud ECS metadata: www.alibabacloud.com/help/ecs/user-guide/view-instance-metadata
    "100.100.100.200",
    # Tencent Cloud CVM metadata: www.tencentcloud.com/document/product/213/4934
    "169.254.0.23",
    # Scaleway instance metadata: www.scaleway.com/en/docs/compute/instances/ (metadata API, 169.254.42.42)
    "169.254.42.42",
    "fd00:42::42",
    # OpenStack Nova metadata over IPv6: docs.openstack.org/nova/latest/user/metadata.html
    "fe80::a9fe:a9fe",
    # DigitalOcean (docs.digitalocean.com/reference/api/metadata/), Hetzner
    # (docs.hetzner.cloud/reference/cloud#server-metadata), OpenStack, IBM, Linode/Akamai, Vultr and
    # Huawei all serve metadata on 169.254.169.254, listed first above.
    # Embedded forms of the ones that pass `is_global`: IPv4-mapped, NAT64 and 6to4.
    "::ffff:168.63.129.16",
    "64:ff9b::c000:c0",
    "2002:c000:c0::",
]

METADATA_NAMES = [
    "metadata.google.internal",  # GCP: cloud.google.com/compute/docs/metadata/querying-metadata
    "metadata.google.internal.",  # the same, fully qualified
    "METADATA.GOOGLE.INTERNAL",
    "metadata.goog",  # GCP: cloud.google.com/compute/docs/metadata/overview
    "metadata",  # GCP short name
    "instance-data.ec2.internal",  # AWS: docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html
    "metadata.tencentyun.com",  # Tencent: www.tencentcloud.com/document/product/213/4934
    "api.metadata.cloud.ibm.com",  # IBM: cloud.ibm.com/docs/vpc?topic=vpc-imd-about
    "metadata.platformequinix.com",  # Equinix Metal: deploy.equinix.com/developers/docs/server-metadata/
    "kubernetes.default.svc",  # Kubernetes: kubernetes.io/docs/tasks/run-application/access-api-from-pod/
    "kubernetes.default.svc.cluster.local",
    "anything.internal",  # GCP internal DNS zone
]


@pytest.mark.parametrize("address", METADATA_ADDRESSES)
def test_every_metadata_address_is_refused_with_loopback_allowed(address):
    reason = refusal_reason(parse_address(address), allow_loopback=True)
    assert reason is not None
    assert "metadata" in reason or "embedded" in reason or "link-local" in reason


def test_the_addresses_python_calls_global_are_refused_all_the_same():
    global_ones = [a for a in ("168.63.129.16", "192.0.0.192") if ipaddress.ip_address(a).is_global]
    for address in global_ones:
        assert "metadata" in (refusal_reason(parse_address(address)) or "")


@pytest.fixture
def fetcher(tmp_path):
    return SafeFetcher(Settings(home=tmp_path, allow_loopback=True))


@pytest.fixture
def no_lookup(monkeypatch):
    looked_up: list[str] = []

    def refuse(host, *args, **kwargs):
        looked_up.append(host)
        raise AssertionError(f"looked up {host}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return looked_up


@pytest.mark.parametrize("address", METADATA_ADDRESSES)
def test_the_fetcher_refuses_each_address_in_every_url_kind(fetcher, address):
    host = f"[{address}]" if ":" in address else address
    url = f"http://{host}/latest/meta-data/iam/security-credentials/"
    with pytest.raises(UnsafeInputError) as refused:
        fetcher.fetch(url, max_bytes=1000)
    assert host in str(refused.value)
    with pytest.raises(UnsafeInputError):
        fetcher.stream(url, max_bytes=1000)


@pytest.mark.parametrize("name", METADATA_NAMES)
def test_the_fetcher_refuses_each_name_before_looking_it_up(fetcher, no_lookup, name):
    with pytest.raises(UnsafeInputError, match="refused"):
        fetcher.fetch(f"http://{name}/computeMetadata/v1/", max_bytes=1000)
    with pytest.raises(UnsafeInputError):
        fetcher.stream(f"https://{name}:8443/x.mp3", max_bytes=1000)
    assert no_lookup == []
