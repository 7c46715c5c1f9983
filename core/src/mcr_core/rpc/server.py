"""The gRPC server every service runs: interceptors, health, reflection, graceful stop."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from mcr_core.auth import Verifier
from mcr_core.auth.permissions import RoleTable
from mcr_core.rpc.interceptors import PrincipalHook, ServerInterceptor
from mcr_core.rpc.reflection import enable_reflection

# Methods anyone may call without a token: probes and API discovery.
PUBLIC_METHOD_PREFIXES = ("/grpc.health.v1.Health/", "/grpc.reflection.")

# The largest request a service accepts; a larger one is RESOURCE_EXHAUSTED before it is read.
MAX_REQUEST_BYTES = 4 * 1024 * 1024

Registration = tuple[Callable[[object, grpc.aio.Server], None], object]

# Clients re-resolve the service's name when a connection closes: closing each one after five
# minutes (calls in flight get 30 s more) lets round-robin clients find new replicas.
MAX_CONNECTION_AGE_MS = 5 * 60 * 1000


class GrpcServer:
    """A grpc.aio server with the platform's interceptors, health and reflection."""

    def __init__(
        self,
        address: str,
        registrations: Sequence[Registration],
        service_names: Sequence[str],
        verifier: Verifier,
        *,
        roles: RoleTable | None = None,
        on_principal: PrincipalHook | None = None,
        tls: grpc.ServerCredentials | None = None,
    ) -> None:
        interceptor = ServerInterceptor(verifier, PUBLIC_METHOD_PREFIXES, roles, on_principal)
        self.server = grpc.aio.server(
            interceptors=[interceptor],
            options=[
                ("grpc.so_reuseport", 0),
                ("grpc.max_connection_age_ms", MAX_CONNECTION_AGE_MS),
                ("grpc.max_connection_age_grace_ms", 30_000),
                ("grpc.max_receive_message_length", MAX_REQUEST_BYTES),
            ],
        )
        for add, servicer in registrations:
            add(servicer, self.server)
        self.health = health.aio.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.server)
        self.service_names = tuple(service_names)
        # v1 and v1alpha, with the contract's comments (mcr_core.rpc.reflection).
        enable_reflection((*self.service_names, health.SERVICE_NAME), self.server)
        # Mutual TLS where the installation gives a certificate (mcr_core.transport).
        if tls is None:
            self.port = self.server.add_insecure_port(address)
        else:
            self.port = self.server.add_secure_port(address, tls)
        if self.port == 0:
            raise OSError(f"cannot listen on {address}")

    async def start(self) -> None:
        await self.server.start()
        for name in ("", *self.service_names):
            await self.health.set(name, health_pb2.HealthCheckResponse.SERVING)

    async def stop(self, grace_seconds: float) -> None:
        """Report NOT_SERVING, refuse new calls, let calls in flight finish within the grace."""
        await self.health.enter_graceful_shutdown()
        await self.server.stop(grace_seconds)
