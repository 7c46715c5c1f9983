"""Key-person planning (book §1.19 step 3-4, §1.21 step 2): a key person becomes a PR target
after the book's four checks, never a competitor's supporter (decision 8); senior sponsors
within their project limits."""

from __future__ import annotations

import uuid
from dataclasses import replace

from mcr_core.auth import MANAGER, Principal, within
from mcr_core.errors import InvalidArgument, NotFound, PermissionDenied
from mcr_core.service import Kernel

from mcr_planning import store as team_store
from mcr_planning.domain import Employee
from mcr_planning.goals import store as goal_store
from mcr_planning.hooks import PlanningHooks
from mcr_planning.keypersons import store
from mcr_planning.keypersons.domain import (
    Shortfall,
    Sponsorship,
    Target,
    check_action_plan,
    check_sponsor,
    check_target,
    check_target_level,
    known_employee,
    layer_of_grade,
    sponsorship_shortfalls,
)
from mcr_planning.keypersons.events import key_person_plan_changed
from mcr_planning.powermap import store as map_store
from mcr_planning.powermap.service import CoverageGaps, person_on_map
from mcr_planning.service import visible_team


def sees_employee(principal: Principal, employee: Employee) -> bool:
    """Oneself, or someone in a unit one manages (decision 11)."""
    if employee.employee_id == principal.employee_id:
        return True
    return principal.has_role(MANAGER) and within(employee.org_unit, principal.org_unit)


class KeyPersons:
    def __init__(self, kernel: Kernel, hooks: PlanningHooks, gaps: CoverageGaps) -> None:
        self.kernel = kernel
        self.hooks = hooks
        self.gaps = gaps

    async def create_target(self, principal: Principal, customer_id: str, draft: Target) -> Target:
        """Select `draft.person` as a PR target (its id, customer and time are set here)."""
        rules = await self.hooks.rules()
        if not draft.owner_kpi.strip():
            raise InvalidArgument.field("target.owner_kpi", "name the KPI the task is written into")
        if draft.backup == draft.owner:
            raise InvalidArgument.field("target.backup", "the B role is another employee")
        check_action_plan(draft.important, draft.information_channels, draft.pr_route)
        async with self.kernel.db.transaction() as conn:
            team = await visible_team(self.kernel, conn, principal, customer_id)
            owner = known_employee(
                await team_store.get_employee(conn, draft.owner), draft.owner, "target.owner"
            )
            if draft.backup:
                backup = await team_store.get_employee(conn, draft.backup)
                known_employee(backup, draft.backup, "target.backup")
            current = await person_on_map(conn, customer_id, draft.person)
            goal = await goal_store.get_goal(conn, draft.market_goal) if draft.market_goal else None
            check_target(
                current,
                goal is not None and goal.customer_id == customer_id,
                owner.job_grade,
                rules.required_grades.get(current.layer.value, 0),
                await store.open_target_count(conn, draft.owner),
                rules.owner_target_limit,
            )
            check_target_level(current.support, draft.target_level, rules.scale)
            target = replace(
                draft,
                id=str(uuid.uuid4()),
                customer_id=customer_id,
                owner_job_grade=owner.job_grade,
                owner_kpi=draft.owner_kpi.strip(),
                create_time=self.kernel.clock.now(),
            )
            await store.add_target(conn, target)
            owned = replace(current, owner=target.owner, target_level=target.target_level)
            await map_store.save_person(conn, customer_id, owned)
            await self.gaps.refresh(conn, team)
            await key_person_plan_changed(
                self.kernel.outbox, conn, team.region, target.person, target.create_time
            )
            return target

    async def targets(self, principal: Principal, customer_id: str) -> list[Target]:
        async with self.kernel.db.read() as conn:
            await visible_team(self.kernel, conn, principal, customer_id)
            return await store.targets_of(conn, customer_id)

    async def create_sponsorship(
        self,
        principal: Principal,
        customer_id: str,
        target_id: str,
        sponsor: str,
        project: str,
    ) -> Sponsorship:
        """A sponsor for a target's project; their layer follows from their grade as the
        archive records it. The sponsorship counts once the sponsor consents (R-81)."""
        if not project.strip():
            raise InvalidArgument.field("sponsorship.project", "name the sponsored project")
        rules = await self.hooks.rules()
        async with self.kernel.db.transaction() as conn:
            await visible_team(self.kernel, conn, principal, customer_id)
            target = await store.get_target(conn, target_id)
            if target is None or target.customer_id != customer_id:
                raise NotFound(f"customers/{customer_id}/targets/{target_id} not found")
            employee = known_employee(
                await team_store.get_employee(conn, sponsor), sponsor, "sponsorship.sponsor"
            )
            sponsor_layer = layer_of_grade(employee.job_grade, rules.required_grades)
            person = await person_on_map(conn, customer_id, target.person)
            check_sponsor(
                sponsor_layer,
                person.layer,
                await store.sponsored_count(conn, sponsor),
                rules.sponsor_limits.get(sponsor_layer.value, 0),
            )
            sponsorship = Sponsorship(
                str(uuid.uuid4()),
                customer_id,
                target_id,
                sponsor,
                sponsor_layer.value,
                project.strip(),
                sponsor_org_unit=employee.org_unit,
                sponsor_job_grade=employee.job_grade,
            )
            await store.add_sponsorship(conn, sponsorship)
            return sponsorship

    async def consent(
        self, principal: Principal, customer_id: str, sponsorship_id: str
    ) -> Sponsorship:
        """The sponsor says they are willing (R-81: 「需要对方明确表示愿意做这个赞助人」)."""
        async with self.kernel.db.transaction() as conn:
            team = await visible_team(self.kernel, conn, principal, customer_id)
            found = await store.get_sponsorship(conn, sponsorship_id)
            if found is None or found.customer_id != customer_id:
                raise NotFound(f"customers/{customer_id}/sponsorships/{sponsorship_id} not found")
            if found.sponsor != principal.employee_id:
                raise PermissionDenied("only the sponsor consents to a sponsorship")
            if found.consent_time is None:
                now = self.kernel.clock.now()
                found = replace(found, consent_time=now)
                await store.consent(conn, sponsorship_id, now)
                target = await store.get_target(conn, found.target_id)
                if target is not None:  # a sponsor now follows the target's person
                    await key_person_plan_changed(
                        self.kernel.outbox, conn, team.region, target.person, now
                    )
            return found

    async def shortfalls(self, principal: Principal) -> list[Shortfall]:
        """R-80: the managers of the caller's region the caller may see (themself, those in the
        units they manage) who sponsor fewer than the book's three projects."""
        rules = await self.hooks.rules()
        async with self.kernel.db.read() as conn:
            staff = await team_store.employees_of_region(conn, principal.region)
            named = {e.manager for e in staff if e.manager}
            managers = [
                e
                for e in staff
                if e.employee_id in named and e.active and sees_employee(principal, e)
            ]
            consented = await store.consented_counts(conn, [m.employee_id for m in managers])
        return sponsorship_shortfalls(managers, consented, rules.sponsorships_per_manager)
