"""The address a sign-in comes from, for the per-address limit, also behind a reverse proxy.

Behind a proxy every request connects from the proxy's address, so counting failures by the
connecting address would let one person's wrong passwords lock every agent out. When the proxy
is named in ``BIJULI_TRUSTED_PROXY`` (addresses or networks, comma-separated), a request that
connects from it is counted under the address the proxy appended to ``X-Forwarded-For``: the
header is read from its right end, skipping the trusted proxies' own hops, and the first other
address is the client's. Hops to the left of it were written by the client and are never
believed. A request from anywhere else (or from the proxy with no usable hop) is counted under
its connecting address, so a misconfigured proxy fails safe: everyone behind it shares one
counter, as without the setting.

Without the setting the per-address counter is still kept, and a browser an agent has signed
in from before is exempt from it (see :mod:`bot.console.accounts`), so a lock on a shared
address does not keep out the agents who work there.
"""

from __future__ import annotations

import logging
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # only annotated: the settings read this module without the web stack
    from starlette.requests import Request

__all__ = ["FORWARDED_FOR", "ClientAddress", "Network", "parse_trusted_proxies"]

#: The header a proxy appends the address it was connected from to.
FORWARDED_FOR: Final = "x-forwarded-for"

Network = IPv4Network | IPv6Network

_log = logging.getLogger(__name__)


def parse_trusted_proxies(text: str | None) -> tuple[Network, ...]:
    """The networks of ``text`` ("127.0.0.1, 10.0.0.0/8, ::1"); ValueError names a bad one."""
    networks = []
    for item in (text or "").split(","):
        if not item.strip():
            continue
        try:
            networks.append(ip_network(item.strip(), strict=False))
        except ValueError:
            raise ValueError(f"not an IP address or network: {item.strip()!r}") from None
    return tuple(networks)


class ClientAddress:
    """Finds a request's client address, trusting ``X-Forwarded-For`` from ``trusted`` only."""

    def __init__(self, trusted: tuple[Network, ...] = ()) -> None:
        """Trust the forwarded address of requests connecting from one of ``trusted``."""
        self._trusted = trusted
        self._warned = False

    def of(self, request: Request) -> str:
        """The address the request's failures are counted under (see the module docstring)."""
        peer = request.client.host if request.client else "unknown"
        forwarded = ",".join(request.headers.getlist(FORWARDED_FOR))
        if not self._is_trusted(_parse(peer)):
            if forwarded and not self._trusted and not self._warned:
                self._warned = True
                _log.warning(
                    "console: sign-ins come through a proxy (X-Forwarded-For is set) but "
                    "BIJULI_TRUSTED_PROXY is not: failures are counted under the proxy's address"
                )
            return peer
        for hop in reversed(forwarded.split(",")):
            address = _parse(hop.strip())
            if address is None:
                break  # a trusted proxy wrote something unreadable: believe nothing further
            if not self._is_trusted(address):
                return str(address)
        return peer

    def _is_trusted(self, address: IPv4Address | IPv6Address | None) -> bool:
        return address is not None and any(address in network for network in self._trusted)


def _parse(text: str) -> IPv4Address | IPv6Address | None:
    try:
        return ip_address(text)
    except ValueError:
        return None
