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
            self.auth_public_key or self.auth_public_key_file
        ):
            raise ValueError(
                "production mode needs MCR_AUTH_PUBLIC_KEY or MCR_AUTH_PUBLIC_KEY_FILE"
            )
        return self

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return f"sqlite:///{self.data_dir / f'{self.service_name}.db'}"
