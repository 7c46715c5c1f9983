"""Proto <-> domain for customer teams, which every area of planning is visible through."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from mcr.archive.v1 import employee_pb2
from mcr.planning.v1 import planning_pb2 as pb
from mcr_core import names
from mcr_core.names import employee_name as employee
from mcr_core.protobuf import timestamp

from mcr_planning.domain import Employee, Member, Team

# --- teams -----------------------------------------------------------------------------------


def team_to_proto(team: Team) -> pb.CustomerTeam:
    return pb.CustomerTeam(
        name=f"customers/{team.customer_id}/planningTeam",
        region=team.region,
        tier=team.tier,
        members=[
            pb.TeamMember(employee=employee(m.employee_id), org_unit=m.org_unit, role=m.role)
            for m in team.members
        ],
        org_level=team.org_level.value,
        general_level=team.general_level.value,
        update_time=timestamp(team.update_time),
        etag=team.etag,
        customer_dates=[pb.CustomerDate(**asdict(d)) for d in team.dates],
    )


def members_from_proto(members: Sequence[pb.TeamMember]) -> list[Member]:
    return [
        Member(
            names.employee_id(m.employee, f"customer_team.members[{i}].employee"),
            m.org_unit,
            m.role or "member",
        )
        for i, m in enumerate(members)
    ]


# --- our employees, as the archive announces them ----------------------------------------


def employee_from_archive(e: employee_pb2.Employee) -> Employee:
    return Employee(
        employee_id=names.employee_id(e.name, "employee.name"),
        region=e.region,
        org_unit=e.org_unit,
        job_grade=e.job_grade,
        active=e.active,
        manager=names.optional_employee_id(e.manager, "employee.manager"),
    )
