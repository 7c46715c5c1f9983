"""Wiring of the planning service: `mcr-planning` (or `python -m mcr_planning`)."""

from __future__ import annotations

from pathlib import Path

from mcr.planning.v1 import planning_service_pb2_grpc
from mcr_core.auth import Hierarchy, RegionIsolation, VisibilityPolicy
from mcr_core.bus import Consumes
from mcr_core.service import Kernel, ServiceSpec, Wiring, run_service

from mcr_planning.api import SERVICE, PlanningServicer
from mcr_planning.assessments.api import AssessmentServicer
from mcr_planning.assessments.events import CONTACT_KEY_EVENTS
from mcr_planning.assessments.service import Assessments
from mcr_planning.brand.api import BrandServicer
from mcr_planning.brand.service import Brand
from mcr_planning.cards.api import CardServicer
from mcr_planning.cards.service import ITEMS_DUE, ExpansionCards
from mcr_planning.competitors.api import CompetitorServicer
from mcr_planning.competitors.service import Competitors
from mcr_planning.config import PlanningSettings
from mcr_planning.goals.api import GoalServicer
from mcr_planning.goals.service import MarketGoals
from mcr_planning.hooks import PlanningHooks, plugin_host
from mcr_planning.keypersons.api import KeyPersonServicer
from mcr_planning.keypersons.service import KeyPersons
from mcr_planning.powermap.api import PowerMapServicer
from mcr_planning.powermap.events import ARCHIVE_CHART, ARCHIVE_HANDOVERS, SATISFACTION_RISKS
from mcr_planning.powermap.service import (
    CoverageGaps,
    DecisionChains,
    Handovers,
    OrgChart,
    PowerMaps,
)
from mcr_planning.relationship_plans.api import RelationshipPlanServicer
from mcr_planning.relationship_plans.service import RelationshipPlans
from mcr_planning.teams.api import TeamServicer
from mcr_planning.teams.events import CONTACT_CALENDAR, INSIGHT
from mcr_planning.teams.service import KICKOFF, PLAN_ITEMS_DUE, AnnualCycle, Teams

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def wire(kernel: Kernel) -> Wiring:
    hooks = PlanningHooks(kernel.plugins)
    gaps = CoverageGaps(kernel)
    teams, cycle = Teams(kernel, gaps), AnnualCycle(kernel, hooks)
    goals, assessments = MarketGoals(kernel, hooks, gaps), Assessments(kernel, hooks, gaps)
    power_maps, chains = PowerMaps(kernel, hooks, gaps), DecisionChains(kernel, hooks)
    handovers = Handovers(kernel)
    kernel.timers.on(KICKOFF)(cycle.kickoff)
    kernel.timers.on(ITEMS_DUE)(cycle.items_due)
    kernel.timers.on(PLAN_ITEMS_DUE)(cycle.plan_items_due)
    servicer = PlanningServicer(
        TeamServicer(teams, cycle),
        GoalServicer(goals),
        AssessmentServicer(assessments),
        PowerMapServicer(power_maps, chains, handovers),
        KeyPersonServicer(KeyPersons(kernel, hooks, gaps)),
        CardServicer(ExpansionCards(kernel)),
        BrandServicer(Brand(kernel)),
        RelationshipPlanServicer(RelationshipPlans(kernel)),
        CompetitorServicer(Competitors(kernel)),
    )
    return Wiring(
        servicers=[(planning_service_pb2_grpc.add_PlanningServiceServicer_to_server, servicer)],
        consumers=[
            kernel.subscribe(INSIGHT, teams, gaps, goals),
            kernel.subscribe(ARCHIVE_HANDOVERS, handovers),
            kernel.subscribe(ARCHIVE_CHART, OrgChart(kernel, gaps)),
            kernel.subscribe(CONTACT_KEY_EVENTS, assessments),
            kernel.subscribe(CONTACT_CALENDAR, teams),
            kernel.subscribe(SATISFACTION_RISKS, power_maps),
        ],
        on_start=cycle.schedule_kickoff,
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
    service_names=[SERVICE.full_name],
    plugins=plugin_host,
    visibility=visibility,
    # Its bus grant: the durable consumers it reads the other services' events with.
    consumes=[
        Consumes("planning-insight", "insight"),
        Consumes("planning-archive", "archive"),
        Consumes("planning-archive-chart", "archive"),
        Consumes("planning-contact", "contact"),
        Consumes("planning-contact-calendar", "contact"),
        Consumes("planning-satisfaction", "satisfaction"),
    ],
)


def main() -> None:
    run_service(SPEC, PlanningSettings())


if __name__ == "__main__":
    main()
