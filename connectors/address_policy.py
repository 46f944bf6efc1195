"""Which addresses an untrusted URL (a page link from a feed item) may reach: pure functions.

    url_refusal(url)                 scheme http/https, a host, a valid port     ─▶ reason | None
    AddressPolicy.refusal(address)   after DNS: public unicast only, unless allowed ─▶ reason | None

A feed item's link is written by whoever controls the feed, so without this a feed could make
claimwatch read its own machine (loopback, the cloud metadata service) or the private network
it runs in, and store the answer as an article. Operators open ranges on purpose with
`fetch.allow_networks` / `--allow-network`; feed URLs they configure are not checked.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from claimwatch.transforms.errors import ConfigError, FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALLOWED_SCHEMES = frozenset({"http", "https"})

# Checked in order; the first match names the refusal. The metadata addresses come first so
# the message says what an attacker would have been after.
_RANGES: tuple[tuple[str, str], ...] = (
    ("169.254.169.254/32", "the cloud metadata service"),
    ("fd00:ec2::254/128", "the cloud metadata service"),
    ("100.100.100.200/32", "the cloud metadata service"),
    ("0.0.0.0/8", "'this network' (0.0.0.0/8)"),
    ("127.0.0.0/8", "loopback"),
    ("::1/128", "loopback"),
    ("::/128", "unspecified"),
    ("10.0.0.0/8", "private (10.0.0.0/8)"),
    ("172.16.0.0/12", "private (172.16.0.0/12)"),
    ("192.168.0.0/16", "private (192.168.0.0/16)"),
    ("100.64.0.0/10", "shared carrier-grade NAT space (100.64.0.0/10)"),
    ("169.254.0.0/16", "link-local"),
    ("fe80::/10", "link-local"),
    ("fc00::/7", "private (unique local fc00::/7)"),
    ("224.0.0.0/4", "multicast"),
    ("ff00::/8", "multicast"),
    ("192.0.0.0/24", "reserved for protocol assignments"),
    ("192.0.2.0/24", "reserved for documentation"),
    ("198.51.100.0/24", "reserved for documentation"),
    ("203.0.113.0/24", "reserved for documentation"),
    ("2001:db8::/32", "reserved for documentation"),
    ("198.18.0.0/15", "reserved for benchmarking"),
    ("255.255.255.255/32", "broadcast"),
    ("240.0.0.0/4", "reserved"),
    ("64:ff9b:1::/48", "reserved (local NAT64)"),
    ("100::/64", "reserved (discard)"),
    ("2001::/23", "reserved for IETF protocol assignments"),
)
_DENIED: tuple[tuple[IPNetwork, str], ...] = tuple(
    (ipaddress.ip_network(cidr), why) for cidr, why in _RANGES
)


class BlockedAddressError(FetchError):
    """An untrusted URL points at an address claimwatch refuses to reach."""


def parse_networks(values: Iterable[str]) -> tuple[IPNetwork, ...]:
    """CIDR strings to networks; a bad one is a ConfigError naming it."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError as exc:
            raise ConfigError(
                f"allow_networks entry {value!r} is not a CIDR range such as 10.1.0.0/16: {exc}"
            ) from exc
    return tuple(networks)


def url_refusal(url: str) -> str | None:
    """Why this URL cannot be fetched as written (scheme, host, port), or None if it can."""
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return "it contains whitespace or control characters"
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError on "99999" or "abc"
    except ValueError as exc:
        return f"it is not a valid URL ({exc})"
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        return f"its scheme {scheme or '(none)'!r} is not http or https"
    if not parts.hostname:
        return "it has no host"
    if port == 0:
        return "port 0 is not a port"
    if parts.username is not None or parts.password is not None:
        return "it carries credentials (user:password@)"
    return None


def _unwrap(address: IPAddress) -> IPAddress:
    """The IPv4 address inside an IPv4-mapped or IPv4-compatible IPv6 one (::ffff:127.0.0.1)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.sixtofour is not None:
            return address.sixtofour
        if address.teredo is not None:
            return address.teredo[1]
    return address


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Public unicast only, plus the ranges an operator allowed.

    `trusted` turns every check off: for the feed URLs the operator configured.
    """

    allow: tuple[IPNetwork, ...] = ()
    trusted: bool = False

    @classmethod
    def from_cidrs(cls, cidrs: Iterable[str]) -> AddressPolicy:
        return cls(allow=parse_networks(cidrs))

    def refusal(self, address: str | IPAddress) -> str | None:
        """Why a connection to this resolved address is refused, or None if it may go ahead."""
        if self.trusted:
            return None
        try:
            ip = ipaddress.ip_address(address) if isinstance(address, str) else address
        except ValueError:
            return f"{address!r} is not an IP address"
        if isinstance(ip, ipaddress.IPv6Address) and ip.scope_id:
            ip = ipaddress.IPv6Address(str(ip).split("%", 1)[0])
        inner = _unwrap(ip)
        shown = str(address) if inner == ip else f"{address} (wrapping {inner})"
        for candidate in {ip, inner}:
            if any(candidate.version == net.version and candidate in net for net in self.allow):
                return None
        for candidate in (inner, ip):
            for network, why in _DENIED:
                if candidate.version == network.version and candidate in network:
                    return f"{shown} is {why}"
            if not candidate.is_global:
                return f"{shown} is not a public address"
        return None
