"""Two regional installations feed one global view of aggregates, and nothing personal crosses.

Three NATS servers on loopback: a global hub and two regions (`cn-south`, `eu-west`), each its
own JetStream domain, connected to the hub as leaf nodes, as separate installations would be.
Each region runs insight (in-process, its own database) on its own NATS, scoring customers from
the archive's events; the region also carries persons' personal data on its bus. At midnight on
insight's clock the daily roll-up stages the region's tier counts, migrations and key figures;
the hub's stream `MCR_GLOBAL` sources them from both domains.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta

import nats
import pytest
from google.protobuf.descriptor import FieldDescriptor
from mcr.archive.v1 import events_pb2 as archive_events
from mcr.archive.v1 import person_pb2
from mcr.rollup.v1 import aggregates_pb2
from mcr_archive.events import PERSON_CREATED
from mcr_core import rollup
from mcr_core.bus import Outbox
from mcr_core.bus.envelope import cloudevent_headers
from mcr_core.clock import FakeClock
from mcr_core.embedded_nats import EmbeddedNats, free_port
from mcr_core.service import start_service
from mcr_core.testing import service_settings
from mcr_insight.__main__ import SPEC as INSIGHT
from mcr_insight.config import InsightSettings
from mcr_insight.tiers import store
from replicas import publish_customers

REGIONS = {"cn-south": 30, "eu-west": 20}  # customers per region
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# The fields an aggregate may have: labels of regions, services, tiers, and numbers. A field
# that could name a customer, person or employee must not be added here.
ALLOWED_FIELDS = {
    "mcr.rollup.v1.TierCounts": {"region", "as_of", "customers_by_tier"},
    "mcr.rollup.v1.TierMigrations": {"region", "period_start", "period_end", "migrations"},
    "mcr.rollup.v1.TierMigrations.Migration": {"from_tier", "to_tier", "customers"},
    "mcr.rollup.v1.KpiFigures": {"region", "service", "as_of", "figures"},
}


def hub(tmp_path) -> tuple[EmbeddedNats, int]:
    leaf_port = free_port()
    conf = tmp_path / "global.conf"
    conf.write_text(
        f"server_name: global\njetstream {{ domain: global }}\n"
        f"leafnodes {{ listen: 127.0.0.1:{leaf_port} }}\n"
    )
    return EmbeddedNats(tmp_path / "global", extra_args=("-c", str(conf))), leaf_port


def region_server(tmp_path, region: str, leaf_port: int) -> EmbeddedNats:
    conf = tmp_path / f"{region}.conf"
    conf.write_text(
        f"server_name: {region}\njetstream {{ domain: {region} }}\n"
        "leafnodes { remotes: [ {\n"
        f'  url: "nats-leaf://127.0.0.1:{leaf_port}"\n'
        # The link carries JetStream's API and the sourcing flow only: no event of the platform
        # (mcr.>) crosses, in either direction.
        '  deny_exports: ["mcr.>"]\n'
        '  deny_imports: ["mcr.>"]\n'
        "} ] }\n"
    )
    return EmbeddedNats(tmp_path / region, extra_args=("-c", str(conf)))


async def publish_persons(js, region: str, count: int) -> list[str]:
    """Persons with personal data, on the region's bus; returns what is personal in them."""
    personal = []
    for number in range(count):
        person = person_pb2.Person(
            name=f"customers/{uuid.uuid4()}/persons/{uuid.uuid4()}",
            display_name=f"Zhang Wei {number} {region}",
            title="Chief Procurement Officer",
            department="Procurement",
        )
        message = archive_events.PersonCreated(person=person, region=region)
        headers = cloudevent_headers(
            event_id=str(uuid.uuid4()),
            source="mcr/archive",
            event_type=message.DESCRIPTOR.full_name,
            time=START,
            resource=person.name,
        )
        await js.publish(PERSON_CREATED, message.SerializeToString(), headers=headers)
        personal += [person.name, person.display_name]
    return personal


async def until(condition, timeout: float):
    async with asyncio.timeout(timeout):
        while not (result := await condition()):
            await asyncio.sleep(0.1)
    return result


async def stream_messages(js, stream: str) -> list:
    """Every message a stream holds, read by sequence."""
    info = await js.stream_info(stream)
    first, last = info.state.first_seq, info.state.last_seq
    return [await js.get_msg(stream, seq) for seq in range(first, last + 1)]


def decoded(message):
    """A regional archive event (customer or person), decoded by its CloudEvents type."""
    kind = message.headers["ce-type"].rpartition(".")[2]
    event = getattr(archive_events, kind)()
    event.ParseFromString(message.data)
    return event.customer if kind == "CustomerCreated" else event


@pytest.mark.slow
@pytest.mark.timeout(180)
async def test_regions_feed_the_global_view_with_aggregates_only(auth_keys, tmp_path):
    global_server, leaf_port = hub(tmp_path)
    servers = [global_server.start()]
    running, clients, personal = [], [], []
    try:
        clocks = {}
        for region, customers in REGIONS.items():
            server = region_server(tmp_path, region, leaf_port).start()
            servers.append(server)
            clocks[region] = FakeClock(START)
            settings = service_settings(
                InsightSettings,
                database_url=f"sqlite:///{tmp_path / f'{region}-insight.db'}",
                nats_url=server.url,
                auth_keys=auth_keys,
                data_dir=tmp_path / region,
            )
            running.append(await start_service(INSIGHT, settings, clock=clocks[region]))
            nc = await nats.connect(server.url)
            clients.append(nc)
            js = nc.jetstream()
            sent = await publish_customers(js, 0, customers, region)
            personal += [headers["ce-subject"] for headers in sent]
            personal += await publish_persons(js, region, 5)

        # Each region's insight scores its customers (facts arrive through its own bus).
        for service, (region, customers) in zip(running, REGIONS.items(), strict=True):

            async def done(service=service, region=region, customers=customers) -> bool:
                async with service.kernel.db.read() as conn:
                    return sum((await store.tier_counts(conn, region)).values()) == customers

            await until(done, 60)
        # Midnight on each region's clock: the daily roll-up timer fires.
        for clock in clocks.values():
            clock.set(START.replace(hour=0) + timedelta(days=1, minutes=1))

        global_nc = await nats.connect(global_server.url)
        clients.append(global_nc)
        gjs = global_nc.jetstream()
        await rollup.ensure_global_view(gjs, list(REGIONS))

        async def arrived() -> bool:
            info = await gjs.stream_info(rollup.GLOBAL_STREAM)
            return info.state.messages >= 3 * len(REGIONS)

        await until(arrived, 60)
        await asyncio.sleep(0.5)  # anything else that was going to cross would be here now

        # The global view holds each region's aggregates, and their figures are right.
        for region, customers in REGIONS.items():
            counts = await rollup.latest(gjs, aggregates_pb2.TierCounts, region)
            assert sum(counts.customers_by_tier.values()) == customers
            moves = await rollup.latest(gjs, aggregates_pb2.TierMigrations, region)
            assert sum(m.customers for m in moves.migrations if m.from_tier == "") == customers
            assert {m.to_tier for m in moves.migrations} == set(counts.customers_by_tier)
            kpis = await rollup.latest(gjs, aggregates_pb2.KpiFigures, region, "insight")
            assert kpis.figures["customers_in_portfolio"] == customers

        # Only aggregates crossed, and nothing personal is in them, headers included.
        crossed = await stream_messages(gjs, rollup.GLOBAL_STREAM)
        assert len(crossed) == 3 * len(REGIONS)
        types = {t.DESCRIPTOR.full_name for t in rollup.AGGREGATES}
        for message in crossed:
            assert message.subject.startswith("mcr.rollup.")
            assert message.headers["ce-type"] in types
            text = message.data.decode("utf-8", "replace") + repr(message.headers)
            leaks = [value for value in personal if value in text]
            assert not leaks, leaks
        # Operators see the same view through the CLI.
        shown = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "mcr_cli.main", "global-view", "--nats", global_server.url,
             "--region", "cn-south", "--region", "eu-west"],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert shown.returncode == 0, shown.stderr
        assert "customers_in_portfolio=30" in shown.stdout
        assert "customers_in_portfolio=20" in shown.stdout

        # ... while the regions' own streams do hold personal data (the scan above can fail),
        # each only its own region's: the leaf link carries no event between regions.
        for nc, region in zip(clients, REGIONS, strict=False):
            regional = await stream_messages(nc.jetstream(), "MCR_ARCHIVE")
            assert any(b"Zhang Wei" in m.data for m in regional)
            assert {decoded(m).region for m in regional} == {region}
    finally:
        for service in running:
            await service.stop()
        for nc in clients:
            with contextlib.suppress(Exception):
                await nc.close()
        for server in servers:
            server.stop()


def test_aggregates_have_no_field_that_could_name_someone():
    def fields(descriptor) -> dict[str, set[str]]:
        found = {descriptor.full_name: {f.name for f in descriptor.fields}}
        for field in descriptor.fields:
            if field.type == FieldDescriptor.TYPE_MESSAGE:
                nested = field.message_type
                if nested.GetOptions().map_entry or nested.file.package.startswith("google"):
                    continue
                found |= fields(nested)
        return found

    seen: dict[str, set[str]] = {}
    for message_type in rollup.AGGREGATES:
        seen |= fields(message_type.DESCRIPTOR)
    assert seen == ALLOWED_FIELDS


async def test_only_aggregates_can_be_staged_for_the_global_view():
    outbox = Outbox(source="mcr/test", clock=FakeClock(START))
    person = archive_events.PersonCreated(region="cn-south")
    with pytest.raises(TypeError, match="not an aggregate"):
        await rollup.stage(outbox, None, person)
    with pytest.raises(ValueError, match="region"):
        rollup.rollup_subject(aggregates_pb2.TierCounts(region="cn-south.>"))
    assert rollup.rollup_subject(aggregates_pb2.TierCounts(region="eu-west")) == (
        "mcr.rollup.eu-west.tier_counts"
    )
    assert rollup.rollup_subject(
        aggregates_pb2.KpiFigures(region="eu-west", service="contact")
    ) == ("mcr.rollup.eu-west.kpi_figures.contact")
