"""A gRPC channel to one service of the platform, as an internal app should use it.

Every call gets the bearer token of the app's token source, a deadline (unless the call gives
its own), retries with back-off when the service is briefly unavailable (gRPC's retry policy:
only UNAVAILABLE, which no service answers after acting), and an `ApiError` when refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import grpc

from mcr_client.errors import ApiError


class TokenSource:
    """Anything with `async def token() -> str` (see `mcr_client.tokens`)."""

    async def token(self) -> str:  # pragma: no cover - a protocol
        raise NotImplementedError


@dataclass(frozen=True)
class Tls:
    """Mutual TLS, where the installation requires it: the CA of the platform's certificates,
    and the app's own certificate and key (PEM files)."""

    ca_file: Path
    cert_file: Path | None = None
    key_file: Path | None = None

    def credentials(self) -> grpc.ChannelCredentials:
        own = (
            (Path(self.key_file).read_bytes(), Path(self.cert_file).read_bytes())
            if (self.cert_file and self.key_file)
            else (None, None)
        )
        return grpc.ssl_channel_credentials(
            Path(self.ca_file).read_bytes(), private_key=own[0], certificate_chain=own[1]
        )


def retry_policy(attempts: int) -> str:
    """gRPC's service config: retry UNAVAILABLE on every method, with exponential back-off."""
    return json.dumps(
        {
            "methodConfig": [
                {
                    "name": [{}],
                    "retryPolicy": {
                        "maxAttempts": max(2, min(attempts, 5)),
                        "initialBackoff": "0.2s",
                        "maxBackoff": "3s",
                        "backoffMultiplier": 2,
                        "retryableStatusCodes": ["UNAVAILABLE"],
                    },
                }
            ]
        }
    )


class _Calls(grpc.aio.UnaryUnaryClientInterceptor, grpc.aio.UnaryStreamClientInterceptor):
    """Adds the token and the default deadline; turns a refusal into an ApiError."""

    def __init__(self, tokens: TokenSource, deadline_seconds: float) -> None:
        self.tokens, self.deadline = tokens, deadline_seconds

    async def _details(self, details: grpc.aio.ClientCallDetails) -> grpc.aio.ClientCallDetails:
        metadata = grpc.aio.Metadata(*(details.metadata or ()))
        metadata.add("authorization", f"Bearer {await self.tokens.token()}")
        timeout = details.timeout if details.timeout is not None else self.deadline
        return grpc.aio.ClientCallDetails(
            details.method, timeout, metadata, details.credentials, details.wait_for_ready
        )

    async def intercept_unary_unary(self, continuation, details, request):
        call = await continuation(await self._details(details), request)
        try:
            return await call
        except grpc.aio.AioRpcError as error:
            raise ApiError(error) from None

    async def intercept_unary_stream(self, continuation, details, request):
        return await continuation(await self._details(details), request)


def connect(
    target: str,
    tokens: TokenSource,
    *,
    deadline_seconds: float = 10.0,
    attempts: int = 4,
    tls: Tls | None = None,
) -> grpc.aio.Channel:
    """A channel to `target` (host:port). Use it with a generated stub:

    async with connect("127.0.0.1:50052", DevelopmentKey(...)) as channel:
        stub = insight_service_pb2_grpc.InsightServiceStub(channel)
        page = await stub.ListTierAssignments(ListTierAssignmentsRequest(page_size=50))
    """
    options = [("grpc.enable_retries", 1), ("grpc.service_config", retry_policy(attempts))]
    interceptors = [_Calls(tokens, deadline_seconds)]
    if tls is None:
        return grpc.aio.insecure_channel(target, options=options, interceptors=interceptors)
    return grpc.aio.secure_channel(
        target, tls.credentials(), options=options, interceptors=interceptors
    )
