"""Wiring of the insight service: `mcr-insight` (or `python -m mcr_insight`)."""

from __future__ import annotations

from pathlib import Path

from mcr.insight.v1 import insight_service_pb2_grpc
from mcr_core.auth import Classification, Hierarchy, RegionIsolation, VisibilityPolicy
from mcr_core.auth.roles import MANAGEMENT, MARKET_DEPARTMENT
from mcr_core.bus import Consumes
from mcr_core.service import Kernel, ServiceSpec, Wiring, run_service

from mcr_insight.analyses.api import AnalysisServicer
from mcr_insight.analyses.service import Analyses, ServiceStrategies
from mcr_insight.api import SERVICE, InsightServicer
from mcr_insight.clv.api import ClvServicer
from mcr_insight.config import InsightSettings
from mcr_insight.events import ARCHIVE_TEAMS
from mcr_insight.hooks import InsightHooks, plugin_host
from mcr_insight.monitoring.api import MonitoringServicer
from mcr_insight.monitoring.events import REVENUE
from mcr_insight.monitoring.service import SNAPSHOT, Reviews, Snapshots, ValueReturn
from mcr_insight.products.api import ProductServicer
from mcr_insight.products.domain import CLASSIFICATION_LEVELS
from mcr_insight.products.service import InformationProducts
from mcr_insight.sandbox.api import SandboxServicer
from mcr_insight.sandbox.service import Sandbox
from mcr_insight.service import CustomerStakeholders
from mcr_insight.tiers.api import TierServicer
from mcr_insight.tiers.events import ARCHIVE_CUSTOMERS, ARCHIVE_PROFILES
from mcr_insight.tiers.service import (
    MANUAL_EXPIRY,
    ROLLUP,
    Portfolio,
    TierAssignments,
    TierPolicies,
    TierScoring,
)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def wire(kernel: Kernel) -> Wiring:
    hooks = InsightHooks(kernel.plugins)
    policies = TierPolicies(kernel, hooks)
    scoring = TierScoring(kernel, hooks, policies)
    assignments = TierAssignments(kernel, scoring)
    portfolio = Portfolio(kernel, hooks, scoring, kernel.settings.scoring_chunk_size)
    snapshots = Snapshots(kernel, policies)
    value_return = ValueReturn(kernel)
    kernel.timers.on(MANUAL_EXPIRY)(assignments.manual_expired)
    kernel.timers.on(SNAPSHOT)(snapshots.snapshot_due)
    kernel.timers.on(ROLLUP)(policies.rolled_up)

    async def on_start() -> None:
        await policies.publish_policies()
        await portfolio.retier_after_pack_switch()
        await snapshots.start_snapshots()
        await policies.schedule_roll_up()

    servicer = InsightServicer(
        TierServicer(assignments, portfolio, policies),
        ClvServicer(),
        SandboxServicer(Sandbox(kernel, hooks)),
        MonitoringServicer(snapshots, value_return, Reviews(kernel, hooks)),
        AnalysisServicer(Analyses(kernel), ServiceStrategies(kernel)),
        ProductServicer(InformationProducts(kernel)),
    )
    return Wiring(
        servicers=[(insight_service_pb2_grpc.add_InsightServiceServicer_to_server, servicer)],
        consumers=[
            kernel.subscribe(ARCHIVE_CUSTOMERS, scoring),
            kernel.subscribe(ARCHIVE_PROFILES, scoring),
            kernel.subscribe(REVENUE, value_return),
            kernel.subscribe(ARCHIVE_TEAMS, CustomerStakeholders()),
        ],
        on_start=on_start,
    )


def visibility() -> VisibilityPolicy:
    """Decision 11: regions are isolated; a customer's tiers, scores, sandbox, analyses and
    reviews are seen by its stakeholders (owner and account team, kept from the archive's
    events) and their superiors, not by peers. Tiers are the market department's portfolio
    decisions (book ch.2 §1.13, decision 5): it and management see the whole region.
    Information products are classified (book ch.2 §1.13): reports and briefs for director
    level and above, special reports for the employees their commission names."""
    return VisibilityPolicy(
        [
            RegionIsolation(),
            Hierarchy(overseers=frozenset({MARKET_DEPARTMENT, MANAGEMENT})),
            Classification(CLASSIFICATION_LEVELS),
        ]
    )


SPEC = ServiceSpec(
    name="insight",
    migrations=MIGRATIONS,
    wire=wire,
    service_names=[SERVICE.full_name],
    plugins=plugin_host,
    visibility=visibility,
    # Its bus grant: the archive's customers and revenue; the region's roll-up of tiers.
    consumes=[
        Consumes("insight-archive-customers", "archive"),
        Consumes("insight-archive-profiles", "archive"),
        Consumes("insight-archive-revenue", "archive"),
        Consumes("insight-archive-teams", "archive"),
    ],
    rollups=["tier_counts", "tier_migrations", "kpi_figures"],
)


def main() -> None:
    run_service(SPEC, InsightSettings())


if __name__ == "__main__":
    main()
