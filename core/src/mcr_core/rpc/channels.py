"""Channels from one service to another, balanced over every replica.

A Kubernetes Service with a cluster IP hands a long-lived HTTP/2 connection to one pod, and
every call of that channel stays there. Here the callee's Service is headless, so its DNS name
resolves to every ready pod; the channel connects to each and spreads calls round-robin. It
resolves the name again when a connection drops, and servers close each connection after a
while (`MAX_CONNECTION_AGE_MS` in `rpc.server`), so new replicas receive calls too.
"""

from __future__ import annotations

import json

import grpc
from opentelemetry.instrumentation.grpc import aio_client_interceptors

from mcr_core import transport

SERVICE_CONFIG = json.dumps({"loadBalancingConfig": [{"round_robin": {}}]})
CHANNEL_OPTIONS = (
    ("grpc.service_config", SERVICE_CONFIG),
    # Re-resolve at most every 5 s (a pod that goes away triggers a resolution).
    ("grpc.dns_min_time_between_resolutions_ms", 5000),
    # Notice a dead peer (a node lost without a FIN) within about 40 s.
    ("grpc.keepalive_time_ms", 30_000),
    ("grpc.keepalive_timeout_ms", 10_000),
)


def service_channel(target: str, settings: transport.TransportSettings) -> grpc.aio.Channel:
    """A channel to `target` (`host:port`, or `dns:///host:port`), round-robin over every
    address the name resolves to, with the client spans that continue the caller's trace, and
    mutual TLS where `settings` configure it."""
    return transport.channel(
        target, settings, options=CHANNEL_OPTIONS, interceptors=aio_client_interceptors()
    )
