"""Settings: one typed object per service, read from the environment once in `__main__`.

Every service process has its own environment, so all services share the `MCR_` prefix; a
service subclasses `ServiceSettings` to add its own fields and defaults. Nothing reads the
environment at import time, and secrets are `SecretStr` so they never print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from mcr_core.transport import TransportSettings

# Asymmetric signatures only: never `none`, never a shared secret (HS*) a service could forge.
OIDC_ALGORITHMS = (
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
)  # fmt: skip
# The principal's fields and the claims they come from unless `oidc_claims` says otherwise.
OIDC_CLAIMS = {"employee_id": "sub", "region": "region", "org_unit": "org_unit", "roles": "roles"}


def default_data_dir() -> Path:
    return Path.home() / ".mcr"


class ServiceSettings(TransportSettings, BaseSettings):
    """What every service process needs; `service_name` is fixed by the subclass (NATS
    credentials and TLS: `TransportSettings`)."""

    model_config = SettingsConfigDict(env_prefix="MCR_", extra="ignore", frozen=True)

    service_name: str = "service"
    environment: Literal["development", "production"] = "development"
    data_dir: Path = Field(default_factory=default_data_dir)
    # Defaults to a SQLite file under data_dir; PostgreSQL in production
    # (postgresql+asyncpg://user@host/db).
    database_url: SecretStr | None = None
    database_pool_size: int = Field(default=10, ge=1, le=200)
    grpc_address: str = "127.0.0.1:50051"
    admin_address: str = "127.0.0.1:9100"
    nats_url: str = "nats://127.0.0.1:4222"
    # The JetStream replication factor of the streams this service owns (3 in a cluster).
    stream_replicas: int = Field(default=1, ge=1, le=5)
    # Token verification: a PEM public key, given inline or as a mounted file. In development
    # mode a key pair is created under data_dir on first run.
    auth_public_key: SecretStr | None = None
    auth_public_key_file: Path | None = None
    auth_issuer: str = "mcr"
    auth_audience: str = "mcr"
    # The region's OpenID Connect provider (production): tokens are verified against the keys
    # its discovery document names (`<issuer>/.well-known/openid-configuration`), for this
    # audience, signed with one of these algorithms. Unset: the public key above, or the
    # development key. `oidc_claims` maps the principal's fields to the provider's claims
    # (dotted paths for nested claims, `realm_access.roles`; `=value` for a constant, such as
    # the one region an installation serves); it is merged over the defaults.
    oidc_issuer: str | None = None
    oidc_audience: str | None = None
    oidc_algorithms: list[str] = Field(default_factory=lambda: ["RS256", "PS256", "ES256", "EdDSA"])
    oidc_claims: dict[str, str] = Field(default_factory=dict)
    # The console's public client at the provider (authorization code with PKCE), and the
    # scope it asks for.
    oidc_client_id: str | None = None
    oidc_scope: str = "openid"
    # A token signed by a key not seen yet refetches the provider's keys, at most once per
    # this many seconds; the keys are refetched anyway when older than the maximum age.
    oidc_jwks_refresh_seconds: float = Field(default=30.0, ge=0)
    oidc_jwks_max_age_seconds: float = Field(default=3600.0, gt=0)
    oidc_http_timeout_seconds: float = Field(default=5.0, gt=0)
    # A region's additions to the role -> permission table (`mcr_core.auth.permissions`):
    # `{"role": ["pattern", ...]}` as JSON, inline or as a mounted file; merged over the
    # defaults (a known role gains the patterns, a new role is added). An invalid entry stops
    # the process at start-up, naming the entry.
    roles: dict[str, list[str]] = Field(default_factory=dict)
    roles_file: Path | None = None
    # The key that seals sensitive personal data at rest (base64 of 32 bytes); development mode
    # creates one under data_dir.
    data_key: SecretStr | None = None
    # Keys sealed values may still be sealed with while the data key rotates (base64 keys
    # separated by commas; `mcr_core.crypto`).
    data_key_previous: SecretStr | None = None
    # Plugin packs: entry-point names allowed (None: all installed) and blocked.
    plugins_allow: list[str] | None = None
    plugins_block: list[str] = Field(default_factory=list)
    plugin_timeout_seconds: float = Field(default=2.0, gt=0)
    outbox_poll_seconds: float = Field(default=1.0, gt=0)
    outbox_batch_size: int = Field(default=500, ge=1, le=10_000)
    # How long published events stay in `outbox_published` for a restore to replay: longer
    # than a backup takes (deploy/README.md, backup and restore); 0 keeps none.
    outbox_retention_seconds: float = Field(default=3600.0, ge=0)
    consumer_max_deliver: int = Field(default=5, ge=1)
    consumer_ack_wait_seconds: float = Field(default=30.0, gt=0)
    timer_poll_seconds: float = Field(default=1.0, gt=0)
    shutdown_grace_seconds: float = Field(default=10.0, gt=0)
    log_level: str = "INFO"
    # What the process does with the schema at start: "apply" the migrations then serve (one
    # machine, tests), "only" apply them and exit (the migration job, with the migration
    # role), or "verify" that they were applied and refuse to start otherwise (production,
    # with a runtime role that has no right to change the schema).
    migrations: Literal["apply", "only", "verify"] = "apply"
    # How long and how much the service's stream keeps its events, oldest dropped first (size
    # -1: no limit); dead letters stay longer (deploy/README.md, retention).
    stream_max_age_days: float = Field(default=30.0, gt=0)
    stream_max_bytes: int = Field(default=1 << 30, ge=-1)
    dead_letter_max_age_days: float = Field(default=90.0, gt=0)
    # How often the on-call signals (outbox backlog, consumer lag, timers) are sampled.
    signals_interval_seconds: float = Field(default=10.0, gt=0)

    @model_validator(mode="after")
    def _production_needs_real_keys(self) -> ServiceSettings:
        if self.environment == "production" and not (
            self.auth_public_key or self.auth_public_key_file or self.oidc_issuer
        ):
            raise ValueError(
                "production mode needs MCR_OIDC_ISSUER (an OpenID Connect provider), "
                "MCR_AUTH_PUBLIC_KEY or MCR_AUTH_PUBLIC_KEY_FILE"
            )
        return self

    @model_validator(mode="after")
    def _oidc_is_complete(self) -> ServiceSettings:
        if self.oidc_issuer is None:
            return self
        if not self.oidc_issuer.startswith(("https://", "http://127.0.0.1", "http://localhost")):
            raise ValueError("oidc_issuer: an https URL (plain http only on this machine)")
        if not self.oidc_audience:
            raise ValueError("oidc_audience: required with oidc_issuer (the API's audience)")
        unsafe = [a for a in self.oidc_algorithms if a not in OIDC_ALGORITHMS]
        if unsafe or not self.oidc_algorithms:
            raise ValueError(
                f"oidc_algorithms: {unsafe or 'none given'}; allowed: {', '.join(OIDC_ALGORITHMS)}"
            )
        unknown = sorted(set(self.oidc_claims) - set(OIDC_CLAIMS))
        if unknown:
            raise ValueError(f"oidc_claims: {unknown} unknown; map {', '.join(OIDC_CLAIMS)}")
        return self

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return f"sqlite:///{self.data_dir / f'{self.service_name}.db'}"
