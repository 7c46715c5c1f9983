"""Assessments of key persons (decision 7): the level follows from the relevant dimensions, a
positive level needs recorded key events as evidence, and the person's support on the power
map follows the assessment."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timedelta

from mcr.contact.v1 import events_pb2 as contact_events
from mcr_core import names
from mcr_core.auth import MANAGER, Principal
from mcr_core.bus import Event, handles
from mcr_core.errors import InvalidArgument, NotFound, PermissionDenied
from mcr_core.protobuf import time_field
from mcr_core.service import Kernel
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_planning.assessments import store
from mcr_planning.assessments.domain import (
    OVERRIDE_DEFAULT_DAYS,
    AssessmentRecord,
    DerivedLevel,
    SupportOverride,
    assessed_level,
    check_evidence,
    check_override,
    with_overrides,
)
from mcr_planning.hooks import PlanningHooks
from mcr_planning.powermap import store as map_store
from mcr_planning.powermap.service import CoverageGaps, person_on_map
from mcr_planning.service import visible_team


class Assessments:
    def __init__(self, kernel: Kernel, hooks: PlanningHooks, gaps: CoverageGaps) -> None:
        self.kernel = kernel
        self.hooks = hooks
        self.gaps = gaps

    async def derived_levels(
        self, principal: Principal, customer_id: str, person: str
    ) -> tuple[list[tuple[DerivedLevel, SupportOverride | None]], str]:
        """The person's support per dimension as their key events say, by the region's rule
        (a plugin may replace it), each level citing its events, with the team's override
        while it holds; read now, so evidence ages and overrides expire."""
        async with self.kernel.db.read() as conn:
            await visible_team(self.kernel, conn, principal, customer_id)
            await person_on_map(conn, customer_id, person)
            evidence = await store.evidence_of(conn, person)
            overrides = await store.overrides_of(conn, person)
        now = self.kernel.clock.now()
        levels, plugin = await self.hooks.support_levels(evidence, now)
        return with_overrides(levels, overrides, now), plugin

    async def override(
        self,
        principal: Principal,
        customer_id: str,
        person: str,
        dimension: str,
        level: int,
        justification: str,
        expire: datetime | None,
    ) -> None:
        """A team overrides a derived level, saying why; recorded with its author, it holds
        until it expires (at most the pack's span)."""
        rules, now = await self.hooks.rules(), self.kernel.clock.now()
        expire = expire or now + timedelta(days=OVERRIDE_DEFAULT_DAYS)
        check_override(dimension, level, justification, expire, now, rules.scale)
        async with self.kernel.db.transaction() as conn:
            await visible_team(self.kernel, conn, principal, customer_id)
            await person_on_map(conn, customer_id, person)
            override = SupportOverride(
                str(uuid.uuid4()),
                customer_id,
                person,
                dimension,
                level,
                justification.strip(),
                principal.employee_id,
                now,
                expire,
            )
            await store.add_override(conn, override)

    async def assess(
        self,
        principal: Principal,
        customer_id: str,
        person: str,
        dimensions: dict[str, int],
        evidence: list[str],
        competitor_support: dict[str, int],
        note: str,
    ) -> AssessmentRecord:
        rules = await self.hooks.rules()
        level = assessed_level(dimensions, rules.scale, rules.weighting)
        for competitor, value in competitor_support.items():
            rules.scale.check(value, f"assessment.competitor_support[{competitor}]")
        async with self.kernel.db.transaction() as conn:
            team = await visible_team(self.kernel, conn, principal, customer_id)
            current = await person_on_map(conn, customer_id, person)
            check_evidence(level, evidence, await store.key_events_of(conn, person))
            assessment = AssessmentRecord(
                id=str(uuid.uuid4()),
                customer_id=customer_id,
                person=person,
                dimensions=dimensions,
                level=level,
                evidence=evidence,
                competitor_support=competitor_support,
                note=note,
                assessed_by=principal.employee_id,
                assess_time=self.kernel.clock.now(),
                spot_check="",
            )
            await store.add_assessment(conn, assessment)
            merged = dict(current.competitor_support) | competitor_support
            updated = replace(current, support=level, competitor_support=merged)
            await map_store.save_person(conn, customer_id, updated)
            await self.gaps.refresh(conn, team)
            return assessment

    async def assessments(
        self, principal: Principal, customer_id: str, person: str
    ) -> list[AssessmentRecord]:
        async with self.kernel.db.read() as conn:
            await visible_team(self.kernel, conn, principal, customer_id)
            return await store.assessments_of(conn, person)

    async def spot_check(
        self, principal: Principal, customer_id: str, person: str, assessment_id: str, result: str
    ) -> AssessmentRecord:
        if result not in ("confirmed", "disputed"):
            raise InvalidArgument.field("result", "confirmed or disputed")
        if not principal.has_role(MANAGER):
            raise PermissionDenied("spot checks are a manager's")
        async with self.kernel.db.transaction() as conn:
            await visible_team(self.kernel, conn, principal, customer_id)
            found = await store.get_assessment(conn, assessment_id)
            if found is None or found.person != person:
                raise NotFound(f"{person}/assessments/{assessment_id} not found")
            await store.set_spot_check(conn, assessment_id, result)
            return replace(found, spot_check=result)

    @handles(contact_events.KeyEventRecorded)
    async def on_key_event_recorded(self, message, event: Event, conn: AsyncConnection) -> None:
        """Contact recorded a key event: it may be cited as an assessment's evidence."""
        customer_id, _ = names.person_ids(message.person, "person")
        when = time_field(message, "occur_time") or event.time
        await store.save_key_event(
            conn,
            message.key_event,
            customer_id,
            message.person,
            message.dimension,
            message.impact,
            when,
        )
