"""Wiring of the planning service: `mcr-planning` (or `python -m mcr_planning`)."""

from __future__ import annotations

from pathlib import Path

from mcr.planning.v1 import planning_service_pb2, planning_service_pb2_grpc
from mcr_core.auth import Hierarchy, RegionIsolation, VisibilityPolicy
from mcr_core.bus import Consumes
from mcr_core.service import Kernel, ServiceSpec, Wiring, run_service

from mcr_planning.api import PlanningServicer
from mcr_planning.config import PlanningSettings
from mcr_planning.events import (
    archive_consumer,
    contact_consumer,
    customer_consumer,
    insight_consumer,
    satisfaction_consumer,
)
from mcr_planning.hooks import PlanningHooks, plugin_host
from mcr_planning.service import ITEMS_DUE, KICKOFF, PLAN_ITEMS_DUE, Planning

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def wire(kernel: Kernel) -> Wiring:
    planning = Planning(kernel, PlanningHooks(kernel.plugins))
    kernel.timers.on(KICKOFF)(planning.kickoff)
    kernel.timers.on(ITEMS_DUE)(planning.items_due)
    kernel.timers.on(PLAN_ITEMS_DUE)(planning.plan_items_due)
    return Wiring(
        servicers=[
            (
                planning_service_pb2_grpc.add_PlanningServiceServicer_to_server,
                PlanningServicer(planning),
            )
        ],
        consumers=[
            insight_consumer(kernel, planning),
            archive_consumer(kernel, planning),
            customer_consumer(kernel, planning),
            contact_consumer(kernel, planning),
            satisfaction_consumer(kernel, planning),
        ],
        on_start=planning.schedule_kickoff,
    )


def visibility() -> VisibilityPolicy:
    """Regions are isolated, and a superior sees subordinates' plans and cards while peers do
    not see each other's (decision 11, book §1.21 step 6): a customer's planning is seen by its
    team and the team's superiors, a card by its owner and the owner's superiors."""
    return VisibilityPolicy([RegionIsolation(), Hierarchy()])


SPEC = ServiceSpec(
    name="planning",
    migrations=MIGRATIONS,
    wire=wire,
    service_names=[planning_service_pb2.DESCRIPTOR.services_by_name["PlanningService"].full_name],
    plugins=plugin_host,
    visibility=visibility,
    # Its bus grant: the durable consumers it reads the other services' events with.
    consumes=[
        Consumes("planning-insight", "insight"),
        Consumes("planning-archive", "archive"),
        Consumes("planning-archive-customers", "archive"),
        Consumes("planning-contact", "contact"),
        Consumes("planning-satisfaction", "satisfaction"),
    ],
)


def main() -> None:
    run_service(SPEC, PlanningSettings())


if __name__ == "__main__":
    main()
