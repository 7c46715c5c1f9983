"""Wiring of the satisfaction service: `mcr-satisfaction` (or `python -m mcr_satisfaction`)."""

from __future__ import annotations

from pathlib import Path

from mcr.satisfaction.v1 import satisfaction_service_pb2, satisfaction_service_pb2_grpc
from mcr_core.auth import Hierarchy, RegionIsolation, VisibilityPolicy
from mcr_core.bus import Consumes
from mcr_core.service import Kernel, ServiceSpec, Wiring, run_service

from mcr_satisfaction.api import SatisfactionServicer
from mcr_satisfaction.config import SatisfactionSettings
from mcr_satisfaction.events import ARCHIVE_REVENUE, INSIGHT_TIERS
from mcr_satisfaction.hooks import SatisfactionHooks, plugin_host
from mcr_satisfaction.service import (
    PROGRESS_REPORT,
    RESURVEY,
    SLA_RESOLUTION,
    SLA_RESPONSE,
    SURVEY_DUE,
    WEEKLY_QUOTA,
    Satisfaction,
)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def wire(kernel: Kernel) -> Wiring:
    satisfaction = Satisfaction(
        kernel, SatisfactionHooks(kernel.plugins), kernel.settings.resurvey_days
    )
    kernel.timers.on(SLA_RESPONSE)(satisfaction.response_due)
    kernel.timers.on(SLA_RESOLUTION)(satisfaction.resolution_due)
    kernel.timers.on(PROGRESS_REPORT)(satisfaction.progress_due)
    kernel.timers.on(RESURVEY)(satisfaction.resurvey_due)
    kernel.timers.on(SURVEY_DUE)(satisfaction.survey_due)
    kernel.timers.on(WEEKLY_QUOTA)(satisfaction.weekly_quota_due)
    return Wiring(
        servicers=[
            (
                satisfaction_service_pb2_grpc.add_SatisfactionServiceServicer_to_server,
                SatisfactionServicer(satisfaction),
            )
        ],
        consumers=[
            kernel.subscribe(INSIGHT_TIERS, satisfaction),
            kernel.subscribe(ARCHIVE_REVENUE, satisfaction),
        ],
    )


def visibility() -> VisibilityPolicy:
    """Regions are isolated, and an issue is seen by its parties (submitter, acceptor,
    receiver, owner) and the managers above them (decision 11)."""
    return VisibilityPolicy([RegionIsolation(), Hierarchy()])


SPEC = ServiceSpec(
    name="satisfaction",
    migrations=MIGRATIONS,
    wire=wire,
    service_names=[
        satisfaction_service_pb2.DESCRIPTOR.services_by_name["SatisfactionService"].full_name
    ],
    plugins=plugin_host,
    visibility=visibility,
    # Its bus grant: the durable consumer it reads insight's tiers with.
    consumes=[
        Consumes("satisfaction-insight-tiers", "insight"),
        Consumes("satisfaction-archive-revenue", "archive"),
    ],
)


def main() -> None:
    run_service(SPEC, SatisfactionSettings())


if __name__ == "__main__":
    main()
