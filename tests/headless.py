"""A headless Service's name for real processes: a DNS server whose answer is every ready
replica's address, as the cluster's DNS answers for the platform's headless Services. The test
changes `addresses` as Kubernetes changes the endpoints (a pod that is ready joins, a pod that
terminates leaves)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from dnslib import QTYPE, RR, A
from dnslib.server import BaseResolver, DNSServer


class Replicas(BaseResolver):
    def __init__(self, addresses: list[str]) -> None:
        self.addresses = list(addresses)

    def resolve(self, request, handler):
        reply = request.reply()
        if QTYPE[request.q.qtype] == "A":
            for address in self.addresses:
                reply.add_answer(RR(request.q.qname, QTYPE.A, rdata=A(address), ttl=1))
        return reply


class _QuietLog:
    def __getattr__(self, name):
        return lambda *args, **kwargs: None


@contextmanager
def headless_dns(addresses: list[str]) -> Iterator[tuple[Replicas, int]]:
    """The resolver (change its `addresses`) and the DNS server's port on 127.0.0.1."""
    replicas = Replicas(addresses)
    server = DNSServer(replicas, port=0, address="127.0.0.1", tcp=False, logger=_QuietLog())
    server.start_thread()
    try:
        yield replicas, server.server.server_address[1]
    finally:
        server.stop()
        server.server.server_close()
