"""Proto <-> domain for PR targets and sponsorships."""

from __future__ import annotations

from mcr.planning.v1 import planning_pb2 as pb
from mcr_core.names import employee_name as employee
from mcr_core.protobuf import timestamp

from mcr_planning.keypersons.domain import Shortfall, Sponsorship, Target

# --- targets, sponsors, cards ----------------------------------------------------------------


def target_to_proto(row: Target) -> pb.Target:
    return pb.Target(
        name=f"customers/{row.customer_id}/targets/{row.id}",
        person=row.person,
        market_goal=f"customers/{row.customer_id}/marketGoals/{row.market_goal}",
        owner=employee(row.owner),
        owner_job_grade=row.owner_job_grade,
        owner_kpi=row.owner_kpi,
        backup=employee(row.backup),
        target_level=row.target_level,
        important=row.important,
        information_channels=row.information_channels,
        pr_route=row.pr_route,
        create_time=timestamp(row.create_time),
    )


def sponsorship_to_proto(row: Sponsorship) -> pb.Sponsorship:
    return pb.Sponsorship(
        name=f"customers/{row.customer_id}/sponsorships/{row.id}",
        target=f"customers/{row.customer_id}/targets/{row.target_id}",
        sponsor=employee(row.sponsor),
        sponsor_layer=row.sponsor_layer,
        project=row.project,
        consented=row.consent_time is not None,
        consent_time=timestamp(row.consent_time) if row.consent_time else None,
        sponsor_org_unit=row.sponsor_org_unit,
        sponsor_job_grade=row.sponsor_job_grade,
    )


def shortfall_to_proto(row: Shortfall) -> pb.SponsorshipShortfall:
    return pb.SponsorshipShortfall(
        manager=employee(row.manager.employee_id),
        org_unit=row.manager.org_unit,
        sponsorships=row.sponsorships,
        required=row.required,
    )
