"""How a process proves who it is on the wire: NATS credentials and (mutual) TLS.

One certificate per workload (in Kubernetes, from the cluster's issuer through cert-manager,
`deploy/components/mtls`): the gRPC server presents it and requires a client certificate from
the same CA, and the process presents it in turn when it calls another service over gRPC or
connects to NATS. Unset, as on one machine (`mcr up`, the tests), gRPC is plaintext on loopback
and NATS is reached without TLS; the NATS credentials are required wherever the server is
secured, which is everywhere the platform runs.
"""

from __future__ import annotations

import ssl
from collections.abc import Sequence
from pathlib import Path

import grpc
from pydantic import BaseModel, model_validator


class TransportSettings(BaseModel):
    """The fields every process's settings carry for this (`MCR_NATS_CREDENTIALS_FILE`,
    `MCR_TLS_CERT_FILE`, `MCR_TLS_KEY_FILE`, `MCR_TLS_CA_FILE`)."""

    # The identity's NATS credentials (`.creds`: its JWT and seed, from `mcr bus`).
    nats_credentials_file: Path | None = None
    # This process's certificate chain and key (PEM), and the CA its peers' certificates come
    # from. All three, or none.
    tls_cert_file: Path | None = None
    tls_key_file: Path | None = None
    tls_ca_file: Path | None = None

    @model_validator(mode="after")
    def _tls_is_complete(self):
        given = [self.tls_cert_file, self.tls_key_file, self.tls_ca_file]
        if any(given) and not all(given):
            raise ValueError("tls_cert_file, tls_key_file and tls_ca_file: all three, or none")
        return self

    @property
    def tls(self) -> bool:
        return self.tls_cert_file is not None


def _read(path: Path | None) -> bytes:
    assert path is not None
    return path.read_bytes()


def server_credentials(settings: TransportSettings) -> grpc.ServerCredentials | None:
    """The gRPC server's TLS: its certificate, and a client certificate required (mTLS)."""
    if not settings.tls:
        return None
    return grpc.ssl_server_credentials(
        [(_read(settings.tls_key_file), _read(settings.tls_cert_file))],
        root_certificates=_read(settings.tls_ca_file),
        require_client_auth=True,
    )


def channel_credentials(settings: TransportSettings) -> grpc.ChannelCredentials | None:
    """A gRPC client's TLS: the CA to trust, and this process's certificate to present."""
    if not settings.tls:
        return None
    return grpc.ssl_channel_credentials(
        root_certificates=_read(settings.tls_ca_file),
        private_key=_read(settings.tls_key_file),
        certificate_chain=_read(settings.tls_cert_file),
    )


def channel(
    target: str,
    settings: TransportSettings,
    options: Sequence[tuple[str, object]] = (),
    interceptors: Sequence[object] | None = None,
) -> grpc.aio.Channel:
    """A channel to another service: TLS with this process's certificate when configured."""
    credentials = channel_credentials(settings)
    extra = {"options": list(options), "interceptors": interceptors}
    if credentials is None:
        return grpc.aio.insecure_channel(target, **extra)
    return grpc.aio.secure_channel(target, credentials, **extra)


def client_ssl_context(settings: TransportSettings) -> ssl.SSLContext | None:
    """The TLS of the NATS connection (the same certificate; None without TLS)."""
    if not settings.tls:
        return None
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=settings.tls_ca_file)
    context.load_cert_chain(settings.tls_cert_file, settings.tls_key_file)
    return context
