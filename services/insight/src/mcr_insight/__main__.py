"""Wiring of the insight service: `mcr-insight` (or `python -m mcr_insight`)."""

from __future__ import annotations

from pathlib import Path

from mcr.insight.v1 import insight_service_pb2, insight_service_pb2_grpc
from mcr_core.auth import Classification, RegionIsolation, VisibilityPolicy
from mcr_core.bus import Consumes
from mcr_core.service import Kernel, ServiceSpec, Wiring, run_service

from mcr_insight.api import InsightServicer
from mcr_insight.config import InsightSettings
from mcr_insight.domain import CLASSIFICATION_LEVELS
from mcr_insight.events import archive_consumer, revenue_consumer
from mcr_insight.hooks import InsightHooks, plugin_host
from mcr_insight.service import MANUAL_EXPIRY, ROLLUP, SNAPSHOT, Insight

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def wire(kernel: Kernel) -> Wiring:
    insight = Insight(kernel, InsightHooks(kernel.plugins), kernel.settings.scoring_chunk_size)
    kernel.timers.on(MANUAL_EXPIRY)(insight.manual_expired)
    kernel.timers.on(SNAPSHOT)(insight.snapshot_due)
    kernel.timers.on(ROLLUP)(insight.rolled_up)

    async def on_start() -> None:
        await insight.publish_policies()
        await insight.retier_after_pack_switch()
        await insight.start_snapshots()
        await insight.schedule_roll_up()

    return Wiring(
        servicers=[
            (
                insight_service_pb2_grpc.add_InsightServiceServicer_to_server,
                InsightServicer(insight),
            )
        ],
        consumers=[archive_consumer(kernel, insight), revenue_consumer(kernel, insight)],
        on_start=on_start,
    )


def visibility() -> VisibilityPolicy:
    """Regions are isolated (decision 11). Tiers and value scores are the company's portfolio
    decisions, owned by the market department (book ch.2 §1.13) and distributed to every team
    through the tier policy; they are no employee's records, so the superior/subordinate rule
    of the archive does not narrow them (and the archive's events carry no account team).
    Information products are classified (book ch.2 §1.13): reports and briefs for director
    level and above, special reports for the employees their commission names."""
    return VisibilityPolicy([RegionIsolation(), Classification(CLASSIFICATION_LEVELS)])


SPEC = ServiceSpec(
    name="insight",
    migrations=MIGRATIONS,
    wire=wire,
    service_names=[insight_service_pb2.DESCRIPTOR.services_by_name["InsightService"].full_name],
    plugins=plugin_host,
    visibility=visibility,
    # Its bus grant: the archive's customers and revenue; the region's roll-up of tiers.
    consumes=[
        Consumes("insight-archive-customers", "archive"),
        Consumes("insight-archive-revenue", "archive"),
    ],
    rollups=["tier_counts", "tier_migrations", "kpi_figures"],
)


def main() -> None:
    run_service(SPEC, InsightSettings())


if __name__ == "__main__":
    main()
