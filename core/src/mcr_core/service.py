"""The life of a service process: start everything in order, serve, stop gracefully.

A service's `__main__` builds its settings and a `ServiceSpec` and calls `run_service`; all the
wiring every service shares (telemetry, database and migrations, NATS and its stream, the
outbox relay, timers, consumers, the gRPC and admin servers, SIGTERM) lives here once.
"""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
import logging
import signal
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nats.aio.client import Client
from nats.js import JetStreamContext
from opentelemetry import trace
from opentelemetry.instrumentation.utils import suppress_instrumentation

from mcr_core.admin import HttpServer, admin_app
from mcr_core.auth import Principal, Verifier, VisibilityPolicy, verifier_for
from mcr_core.auth.permissions import RoleTable, role_table_for
from mcr_core.bus import (
    Consumes,
    EventConsumer,
    Handlers,
    Outbox,
    OutboxRelay,
    connect,
    ensure_dead_letter_stream,
    ensure_service_stream,
    stream_name,
)
from mcr_core.bus.contract import EventContract
from mcr_core.bus.grants import service_permissions
from mcr_core.bus.handlers import Subscription
from mcr_core.bus.streams import StreamLimits
from mcr_core.clock import Clock, SystemClock
from mcr_core.config import ServiceSettings
from mcr_core.plugins import PluginHost
from mcr_core.rollup import ensure_rollup_stream
from mcr_core.rpc import GrpcServer
from mcr_core.rpc.server import Registration
from mcr_core.signals import Signals
from mcr_core.storage import Database, SchemaNotMigrated
from mcr_core.telemetry import setup_telemetry, shutdown_telemetry
from mcr_core.timers import TimerService
from mcr_core.transport import client_ssl_context, server_credentials

log = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)


@dataclass
class Kernel:
    """What the kernel hands a service's wiring: its database, bus, clock, timers, policy."""

    settings: ServiceSettings
    clock: Clock
    db: Database
    nc: Client
    js: JetStreamContext
    outbox: Outbox
    timers: TimerService
    verifier: Verifier
    policy: VisibilityPolicy
    stream: str
    plugins: PluginHost | None = None
    roles: RoleTable | None = None

    # The durable consumers the service declared (`ServiceSpec.consumes`): its credentials
    # allow these and no other.
    consumes: Sequence[Consumes] = ()

    def subscribe(self, subscription: Subscription, *owners: object) -> EventConsumer:
        """The durable consumer of `subscription`, dispatching each event to the `@handles`
        method of `owners` declared for its type (see `mcr_core.bus.handlers`)."""
        handlers = Handlers(subscription.name, *owners)
        return self.consumer(
            subscription.name,
            subscription.source,
            list(subscription.subjects),
            handlers.handle,
            prepare=handlers.prepare if handlers.prepares else None,
            decode=handlers.decode,
        )

    def consumer(
        self, name: str, source: str, subjects: list[str], handler, prepare=None, decode=None
    ) -> EventConsumer:
        """A durable consumer, with this service's database and delivery settings, of the
        events `source` (a service name) publishes on `subjects` (`prepare`, `decode`: see
        `EventConsumer`). It must be one the service declares."""
        if Consumes(name, source) not in self.consumes:
            raise ValueError(
                f"consumer {name!r} of {source}'s events is not declared in the service's "
                "ServiceSpec.consumes (its bus credentials allow only what it declares)"
            )
        return EventConsumer(
            name=name,
            stream=stream_name(source),
            source=source,
            replicas=self.settings.stream_replicas,
            subjects=subjects,
            handler=handler,
            db=self.db,
            js=self.js,
            max_deliver=self.settings.consumer_max_deliver,
            ack_wait_seconds=self.settings.consumer_ack_wait_seconds,
            clock=self.clock,
            prepare=prepare,
            decode=decode,
        )


@dataclass
class Wiring:
    """What a service's wiring builds from the kernel."""

    servicers: Sequence[Registration]
    consumers: Sequence[EventConsumer] = ()
    # Runs once everything has started, before the service reports ready.
    on_start: Callable[[], Awaitable[None]] | None = None
    # Runs once per principal the process sees, before its first call is served.
    on_principal: Callable[[Principal], Awaitable[None]] | None = None


@dataclass
class ServiceSpec:
    """How one service plugs into the kernel."""

    name: str
    migrations: Path | None
    service_names: Sequence[str]
    # Builds the service's use cases once, registers its timer handlers on `kernel.timers`,
    # and returns its gRPC servicers and consumers.
    wire: Callable[[Kernel], Wiring]
    plugins: Callable[[ServiceSettings], PluginHost] | None = None
    visibility: Callable[[], VisibilityPolicy] = VisibilityPolicy
    # What the service may do on the bus beyond publishing `mcr.<name>.>`: the durable
    # consumers it reads other services' events with, and the roll-up kinds it stages
    # (`mcr_core.bus.grants`; `mcr bus credentials service` mints credentials from these).
    consumes: Sequence[Consumes] = ()
    rollups: Sequence[str] = ()

    def bus_permissions(self) -> dict:
        return service_permissions(self.name, self.consumes, self.rollups)


def load_spec(service: str) -> ServiceSpec:
    """The `ServiceSpec` of an installed service (`mcr_<service>.__main__.SPEC`)."""
    return importlib.import_module(f"mcr_{service}.__main__").SPEC


@dataclass
class RunningService:
    kernel: Kernel
    grpc: GrpcServer
    admin: HttpServer
    plugins: PluginHost | None
    tasks: list[asyncio.Task] = field(default_factory=list)
    consumers: Sequence[EventConsumer] = ()

    @property
    def grpc_port(self) -> int:
        return self.grpc.port

    async def stop(self) -> None:
        """Graceful stop: refuse new calls, finish those in flight, stop background work,
        drain NATS (pending publishes and acks go out), close the database."""
        grace = self.kernel.settings.shutdown_grace_seconds
        await self.grpc.stop(grace)
        for consumer in self.consumers:
            consumer.stopping = True
        for task in self.tasks:
            task.cancel()
        if self.tasks:
            # Bounded: a library that swallowed the cancellation must not hold up the stop.
            _, pending = await asyncio.wait(self.tasks, timeout=grace)
            if pending:
                names = [task.get_name() for task in pending]
                log.warning("background work did not stop in time", extra={"tasks": names})
        for consumer in self.consumers:
            await consumer.stop()
        await self.admin.stop()
        await self._close_nats()
        await self.kernel.db.close()
        log.info("service stopped", extra={"service_name": self.kernel.settings.service_name})

    async def _close_nats(self) -> None:
        nc = self.kernel.nc
        if nc.is_closed:
            return
        try:
            await nc.drain()
        except Exception:
            # NATS is gone already: nothing is pending that the outbox would not resend.
            log.warning("could not drain NATS; closing", exc_info=True)
            await nc.close()


async def start_service(
    spec: ServiceSpec, settings: ServiceSettings, clock: Clock | None = None
) -> RunningService:
    clock = clock or SystemClock()
    roles = role_table_for(settings.roles, settings.roles_file)  # a bad role entry fails first
    plugins = spec.plugins(settings) if spec.plugins else None  # a bad pack fails first
    db = Database(settings.sqlalchemy_url, pool_size=settings.database_pool_size)
    await prepare_schema(db, spec.migrations, settings.migrations)
    nc = await connect(
        settings.nats_url,
        name=f"mcr-{spec.name}",
        credentials=settings.nats_credentials_file,
        tls=client_ssl_context(settings),
    )
    js = nc.jetstream()
    limits = StreamLimits(settings.stream_max_age_days, settings.stream_max_bytes)
    stream = await ensure_service_stream(js, spec.name, settings.stream_replicas, limits)
    dead_letters = StreamLimits(settings.dead_letter_max_age_days, settings.stream_max_bytes)
    await ensure_dead_letter_stream(js, settings.stream_replicas, dead_letters)
    await ensure_rollup_stream(js, settings.stream_replicas)
    outbox = Outbox(source=f"mcr/{spec.name}", clock=clock, contract=EventContract.load())
    kernel = Kernel(
        settings=settings,
        clock=clock,
        db=db,
        nc=nc,
        js=js,
        outbox=outbox,
        timers=TimerService(db, clock, poll_seconds=settings.timer_poll_seconds),
        verifier=verifier_for(settings),
        policy=spec.visibility(),
        stream=stream,
        plugins=plugins,
        roles=roles,
        consumes=spec.consumes,
    )
    await kernel.verifier.start()
    wiring = spec.wire(kernel)
    relay = OutboxRelay(
        db,
        js,
        outbox,
        batch_size=settings.outbox_batch_size,
        poll_seconds=settings.outbox_poll_seconds,
        retention_seconds=settings.outbox_retention_seconds,
    )
    consumers = list(wiring.consumers)
    for consumer in consumers:
        await consumer.start()
    signals = Signals(
        spec.name,
        relay=relay,
        consumers=consumers,
        timers=kernel.timers,
        js=js,
        clock=clock,
        interval_seconds=settings.signals_interval_seconds,
    )
    tasks = [
        asyncio.create_task(relay.run(), name="outbox-relay"),
        asyncio.create_task(kernel.timers.run(), name="timers"),
        asyncio.create_task(signals.run(), name="signals"),
        *(asyncio.create_task(c.run(), name=f"consumer-{c.name}") for c in consumers),
    ]
    grpc_server = GrpcServer(
        settings.grpc_address,
        wiring.servicers,
        spec.service_names,
        kernel.verifier,
        roles=roles,
        on_principal=wiring.on_principal,
        tls=server_credentials(settings),
    )
    await grpc_server.start()

    async def readiness() -> dict[str, bool]:
        try:
            with suppress_instrumentation():  # a probe every few seconds: no trace each
                await asyncio.wait_for(db.ping(), 2)
            database = True
        except Exception:
            database = False
        return {"database": database, "nats": nc.is_connected}

    def plugin_list() -> list[dict]:
        if not plugins:
            return []
        return [
            vars(info)
            | {
                "hooks": list(info.hooks),
                "scope": dataclasses.asdict(info.scope) if info.scope else None,
                "health": plugins.health(info.name).report(),
            }
            for info in plugins.plugins()
        ]

    if wiring.on_start is not None:
        with tracer.start_as_current_span(f"start {spec.name}"):
            await wiring.on_start()
    admin = HttpServer(settings.admin_address, admin_app(readiness, plugin_list))
    await admin.start()
    log.info(
        "service started",
        extra={"service_name": spec.name, "grpc_port": grpc_server.port, "admin_port": admin.port},
    )
    return RunningService(kernel, grpc_server, admin, plugins, tasks, consumers)


async def prepare_schema(db: Database, migrations: Path | None, mode: str) -> None:
    """Apply the migrations, or check that they were applied (`ServiceSettings.migrations`);
    their statements make one trace."""
    with tracer.start_as_current_span(f"migrations {mode}"):
        if mode == "verify":
            await db.verify_migrated(migrations)
        else:
            await db.migrate(migrations)


async def migrate_only(spec: ServiceSpec, settings: ServiceSettings) -> None:
    """The migration job: apply the service's migrations, then exit."""
    db = Database(settings.sqlalchemy_url, pool_size=1)
    try:
        await prepare_schema(db, spec.migrations, "apply")
    finally:
        await db.close()
    log.info("migrations applied", extra={"service_name": spec.name})


def run_service(spec: ServiceSpec, settings: ServiceSettings) -> None:
    """Run a service until SIGTERM or SIGINT, then stop it gracefully (with
    `MCR_MIGRATIONS=only`: apply the migrations and exit)."""
    setup_telemetry(settings.service_name, settings.log_level, environment=settings.environment)
    if settings.migrations == "only":
        asyncio.run(migrate_only(spec, settings))
        return

    async def main() -> None:
        stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stopping.set)
        service = await start_service(spec, settings)
        await stopping.wait()
        log.info("stopping", extra={"service_name": spec.name})
        await service.stop()

    try:
        asyncio.run(main())
    except SchemaNotMigrated as refused:
        log.error("refusing to start: %s", refused, extra={"service_name": spec.name})
        raise SystemExit(3) from None
    finally:
        shutdown_telemetry()
