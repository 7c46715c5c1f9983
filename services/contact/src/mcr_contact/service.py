"""Contact's use cases: activities, key events, cadences and their reminders, playbooks, the
lifecycle guide and the pre-visit briefing. One transaction per command, visibility on every
read, an outbox event for every announced change. Rules live in `domain`."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import sqlalchemy as sa
from mcr.archive.v1 import events_pb2 as archive_events
from mcr.archive.v1 import person_pb2
from mcr.insight.v1 import events_pb2 as insight_events
from mcr.planning.v1 import events_pb2 as planning_events
from mcr_core import names
from mcr_core.auth import MANAGER, Principal, Record, Stakeholder
from mcr_core.bus import Event, handles
from mcr_core.errors import (
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Unavailable,
    collect,
)
from mcr_core.listing import decode_page_token, encode_page_token, page_size, parse_filter
from mcr_core.plugins import CustomerContext
from mcr_core.protobuf import enum_code, time_field
from mcr_core.service import Kernel
from mcr_core.timers import Timer
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_contact import events, store
from mcr_contact.domain import (
    DECISION_MAKER,
    RETIRED_KEY_PERSON,
    VISIT_SHARE_PERIOD,
    Activity,
    ActivityState,
    ActivityType,
    CadenceRule,
    Coverage,
    CustomerDate,
    DueEntry,
    GiftRule,
    KeyEvent,
    KeyPerson,
    Playbook,
    PolicyCadence,
    RelationshipType,
    StageProgress,
    VisitShare,
    activity_violations,
    cadence_clock,
    cadence_for,
    closure_violations,
    customer_id_from_name,
    due_list,
    employee_id_from_name,
    gift_compliance,
    id_from_name,
    key_date_mask,
    key_date_violations,
    key_event_violations,
    key_role,
    lifecycle_progress,
    next_customer_date_reminder,
    next_key_date_reminder,
    problem_customer_check,
    revisit_deadline,
    split_key_date,
    split_person,
    stricter_gift_rule,
    week_start,
)
from mcr_contact.hooks import ContactHooks
from mcr_contact.satisfaction import SatisfactionClient
from mcr_contact.store import Tracked

KEY_RELATIONSHIP = "key_relationship"  # the tier obligation that makes contact follow
CADENCE_DUE = "contact.cadence_due"
CADENCE_BREACH = "contact.cadence_breach"
KEY_DATE = "contact.key_date"
CUSTOMER_DATE = "contact.customer_date"
CUSTOMER_DATE_FIELDS = ("kind", "title", "month", "day", "lead_days")
REVISIT = "contact.revisit"
INTRODUCTION_AFTER = timedelta(days=2)  # the joint introduction visit is planned this soon


@dataclass(frozen=True)
class Suggestion:
    playbook: Playbook | None
    plugin: str
    problem_advice: str


@dataclass(frozen=True)
class Briefing:
    customer_id: str
    issues: list | None  # None: satisfaction did not answer
    cadences: list[Tracked]


def _employee(name: str) -> str:
    return f"employees/{name}"


class Contact:
    def __init__(
        self, kernel: Kernel, hooks: ContactHooks, satisfaction: SatisfactionClient
    ) -> None:
        self.kernel = kernel
        self.hooks = hooks
        self.satisfaction = satisfaction

    @property
    def now(self) -> datetime:
        return self.kernel.clock.now()

    def register_timers(self) -> None:
        on = self.kernel.timers.on
        on(CADENCE_DUE)(self.cadence_due)
        on(CADENCE_BREACH)(self.cadence_breached)
        on(KEY_DATE)(self.key_date_reminder)
        on(CUSTOMER_DATE)(self.customer_date_reminder)
        on(REVISIT)(self.revisit_check)

    # -----------------------------------------------------------------------------------------
    # Activities
    # -----------------------------------------------------------------------------------------

    async def log(self, principal: Principal, draft: Activity, request_id: str) -> Activity:
        if request_id:
            async with self.kernel.db.read() as conn:
                known = await store.activity_by_request(conn, request_id)
            if known is not None:
                return await self.get(principal, known.id)
        now = self.now
        # The plugins answer before the transaction: no write lock is held across their calls.
        # The customer's industry selects the packs that answer for it.
        customer = await self._customer(draft.customer_id, principal.region)
        types, rules = await asyncio.gather(
            self.hooks.activity_types(), self.hooks.cadence_rules(customer)
        )
        kind = types.get(draft.type)
        activity = replace(
            draft,
            id=str(uuid.uuid4()),
            region=principal.region,
            owner_id=principal.employee_id,
            owner_unit=principal.org_unit,
            private=draft.private or bool(kind and kind.private),
            create_time=now,
            update_time=now,
            close_time=None,
            compliance_flag="",
        )
        violations = activity_violations(activity, now, types)
        rule = await self._gift_rule(customer) if draft.gift_value else None
        flag, refused = gift_compliance(activity.gift_value, rule, "activity.gift_value")
        collect([*violations, *([refused] if refused else [])])
        activity.compliance_flag = flag
        stakeholders = {employee_id_from_name(p, "participants"): "" for p in draft.participants}
        stakeholders[activity.owner_id] = activity.owner_unit
        async with self.kernel.db.transaction() as conn:
            await store.insert_activity(conn, activity, request_id, stakeholders)
            await events.activity_logged(self.kernel.outbox, conn, activity)
            if activity.state is ActivityState.DONE:
                await self._contacted(conn, activity, kind, rules)
        return activity

    async def _customer(self, customer_id: str, region: str) -> CustomerContext:
        async with self.kernel.db.read() as conn:
            return await store.customer_context(conn, customer_id, region)

    async def _gift_rule(self, customer: CustomerContext) -> GiftRule | None:
        """The jurisdiction's limit (region-wide) or the customer's industry's, the stricter."""
        jurisdiction, industry = await asyncio.gather(
            self.hooks.compliance_rule(customer.region), self.hooks.gift_limit(customer)
        )
        return stricter_gift_rule(jurisdiction, industry)

    async def _visible_activity(
        self, conn: AsyncConnection, principal: Principal, name: str
    ) -> Activity:
        activity_id = id_from_name(name, "activities/", "name")
        activity = await store.get_activity(conn, activity_id)
        if activity is not None:
            stakeholders = tuple(
                Stakeholder(e, u) for e, u in await store.stakeholders_of(conn, activity_id)
            )
            if self.kernel.policy.allows(principal, Record(activity.region, stakeholders)):
                return activity
        raise NotFound(f"{name} not found")

    async def get(self, principal: Principal, activity_id: str) -> Activity:
        async with self.kernel.db.read() as conn:
            return await self._visible_activity(conn, principal, f"activities/{activity_id}")

    async def list(
        self, principal: Principal, parent: str, filter_text: str, token: str, size: int
    ) -> tuple[list[Activity], str]:
        limit = page_size(size)
        customer_id = None if parent == "customers/-" else customer_id_from_name(parent, "parent")
        comparisons = parse_filter(filter_text, frozenset(store.FILTER_COLUMNS))
        after = decode_page_token(token, parent + filter_text)
        key = (datetime.fromisoformat(after[0]), after[1]) if after else None
        async with self.kernel.db.read() as conn:
            page = await store.list_activities(
                conn, self.kernel.policy.scope(principal), customer_id, comparisons, key, limit + 1
            )
        if len(page) <= limit:
            return page, ""
        last = page[limit - 1]
        return page[:limit], encode_page_token(
            [last.start_time.isoformat(), last.id], parent + filter_text
        )

    async def complete(self, principal: Principal, name: str) -> Activity:
        types = await self.hooks.activity_types()
        async with self.kernel.db.transaction() as conn:
            activity = await self._visible_activity(conn, principal, name)
            if activity.state is not ActivityState.PLANNED:
                raise FailedPrecondition.field("name", "only a planned activity can be done")
            if activity.start_time > self.now:
                raise FailedPrecondition.field(
                    "name", "an activity in the future cannot be done yet"
                )
            activity.state, activity.update_time = ActivityState.DONE, self.now
            await store.update_activity(conn, activity)
            await events.activity_logged(self.kernel.outbox, conn, activity)
            await self._contacted(conn, activity, types.get(activity.type))
        return activity

    async def close(
        self,
        principal: Principal,
        name: str,
        summary: str,
        closed_titles: list[str],
        credentials: str | None,
    ) -> Activity:
        types = await self.hooks.activity_types()
        async with self.kernel.db.read() as conn:
            activity = await self._visible_activity(conn, principal, name)
        open_issues: set[str] = set()
        if any(i.issue for i in activity.outstanding_issues):
            issues = await self.satisfaction.open_issues(
                f"customers/{activity.customer_id}", credentials
            )
            if issues is None:
                raise Unavailable("satisfaction did not answer; the issues cannot be checked")
            open_issues = {issue.name for issue in issues}
        async with self.kernel.db.transaction() as conn:
            activity = await self._visible_activity(conn, principal, name)
            if summary:
                activity.summary = summary
            for issue in activity.outstanding_issues:
                if not issue.issue and issue.title in closed_titles:
                    issue.closed = True
            violations = closure_violations(activity, types.get(activity.type), open_issues)
            if violations:
                raise FailedPrecondition("the activity cannot close yet", tuple(violations))
            activity.state = ActivityState.CLOSED
            activity.update_time = activity.close_time = self.now
            await store.update_activity(conn, activity)
            await events.activity_closed(self.kernel.outbox, conn, activity)
        return activity

    async def activity_types(self) -> list[ActivityType]:
        return sorted((await self.hooks.activity_types()).values(), key=lambda t: t.code)

    async def _contacted(
        self,
        conn: AsyncConnection,
        activity: Activity,
        kind: ActivityType | None,
        rules: list[tuple[str, CadenceRule]] | None = None,
    ) -> None:
        """A done activity resets its tracked persons' cadences and may call for a revisit."""
        for person in activity.target_persons:
            tracked = await store.get_tracked(conn, person)
            if tracked is None:
                continue
            last = tracked.last_contact_time
            if last is None or activity.start_time > last:
                tracked.last_contact_time = activity.start_time
            first = tracked.first_contact_time
            if first is None or activity.start_time < first:
                tracked.first_contact_time = activity.start_time
            await self._plan(conn, tracked, rules)
        deadline = revisit_deadline(activity, kind)
        if deadline is not None:
            await self._remind(
                conn,
                activity.owner_id,
                activity.region,
                "revisit_due",
                activity.name,
                "revisit the customer within 3 days after the exhibition",
                deadline,
            )
            await self.kernel.timers.schedule(conn, REVISIT, activity.id, deadline)

    # -----------------------------------------------------------------------------------------
    # Cadences
    # -----------------------------------------------------------------------------------------

    async def _plan(
        self,
        conn: AsyncConnection,
        tracked: Tracked,
        rules: list[tuple[str, CadenceRule]] | None = None,
    ) -> None:
        """(Re)compute a person's cadence and move its timers; saves the person. `rules` are
        the cadence rules of the packs serving the person's customer (asked when not given)."""
        policy = [PolicyCadence(*c) for c in await store.cadences_of_tier(conn, tracked.tier) or []]
        if rules is None:
            customer = await store.customer_context(conn, tracked.customer_id, tracked.region)
            rules = await self.hooks.cadence_rules(customer)
        cadence = cadence_for(tracked.tier, tracked.role, policy, rules)
        timers = self.kernel.timers
        if cadence is None:
            tracked.ideal = tracked.maximum = tracked.due_time = tracked.breach_time = None
            tracked.source = ""
            await timers.cancel(conn, CADENCE_DUE, tracked.person)
            await timers.cancel(conn, CADENCE_BREACH, tracked.person)
        else:
            clock = cadence_clock(
                cadence, tracked.last_contact_time, tracked.since_time, tracked.followed
            )
            tracked.ideal, tracked.maximum, tracked.source = (
                cadence.ideal,
                cadence.maximum,
                cadence.source,
            )
            # A re-plan that does not move a time leaves its timer alone: re-arming it would
            # remind (or escalate) a second time for the same interval.
            if clock.due_time != tracked.due_time:
                await timers.schedule(conn, CADENCE_DUE, tracked.person, clock.due_time)
            if clock.breach_time != tracked.breach_time:
                await timers.schedule(conn, CADENCE_BREACH, tracked.person, clock.breach_time)
            tracked.due_time, tracked.breach_time = clock.due_time, clock.breach_time
        await store.save_tracked(conn, tracked)

    def _sees(self, principal: Principal, tracked: Tracked | sa.Row) -> bool:
        record = Record(tracked.region, (Stakeholder(tracked.owner_id, tracked.owner_unit),))
        return self.kernel.policy.allows(principal, record)

    async def _visible_tracked(
        self, conn: AsyncConnection, principal: Principal, person: str
    ) -> Tracked:
        tracked = await store.get_tracked(conn, person)
        if tracked is None or not self._sees(principal, tracked):
            raise NotFound(f"{person}/cadence not found")
        return tracked

    async def track(
        self,
        principal: Principal,
        person: str,
        role: str,
        owner: str,
        owner_unit: str,
        supervisor: str,
        sponsor: str,
        etag: str = "",
    ) -> Tracked:
        customer_id, _ = split_person(person, "person_cadence.name")
        violations = []
        if not role or len(role) > 64 or not role.replace("_", "").isalnum():
            violations.append(FieldViolation("person_cadence.role", "must be a role code"))
        owner_id = employee_id_from_name(owner, "person_cadence.owner") if owner else ""
        supervisor_id = (
            employee_id_from_name(supervisor, "person_cadence.supervisor") if supervisor else ""
        )
        sponsor_id = employee_id_from_name(sponsor, "person_cadence.sponsor") if sponsor else ""
        collect(violations)
        owner_id = owner_id or principal.employee_id
        if owner_id == principal.employee_id:
            owner_unit = owner_unit or principal.org_unit
        rules = await self.hooks.cadence_rules(await self._customer(customer_id, principal.region))
        async with self.kernel.db.transaction() as conn:
            known = await store.get_tracked(conn, person)
            if known is not None and not self._sees(principal, known):
                raise NotFound(f"{person}/cadence not found")
            if etag and (known is None or known.etag != etag):
                raise FailedPrecondition.field(
                    "person_cadence.etag", "the cadence changed since it was read; read it again"
                )
            tracked = Tracked(
                person=person,
                customer_id=customer_id,
                region=principal.region,
                role=role,
                owner_id=owner_id,
                owner_unit=owner_unit,
                supervisor_id=supervisor_id,
                sponsor_id=sponsor_id,
                tier=(await store.lock_customer(conn, customer_id, principal.region)).tier,
                ideal=None,
                maximum=None,
                source="",
                since_time=known.since_time if known else self.now,
                first_contact_time=known.first_contact_time if known else None,
                last_contact_time=known.last_contact_time if known else None,
                due_time=known.due_time if known else None,
                breach_time=known.breach_time if known else None,
            )
            await self._plan(conn, tracked, rules)
        return tracked

    async def cadence(self, principal: Principal, person: str) -> Tracked:
        split_person(person, "name")
        async with self.kernel.db.read() as conn:
            return await self._visible_tracked(conn, principal, person)

    async def due(
        self, principal: Principal, owner: str, day: datetime | None
    ) -> tuple[list[DueEntry], list[Coverage], VisitShare]:
        """The owner's daily due list: contacts due by the end of `day`, and tier coverage."""
        owner_id = employee_id_from_name(owner, "owner") if owner else principal.employee_id
        moment = day or self.now
        day_end = moment.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
        if owner_id != principal.employee_id and not principal.has_role(MANAGER):
            # Managers read their team's lists; the rows are still narrowed to their unit.
            raise PermissionDenied("the due list of another employee is for their superiors")
        async with self.kernel.db.read() as conn:
            rows = [
                t for t in await store.due_rows(conn, owner_id, day_end) if self._sees(principal, t)
            ]
            tiers = await store.customers_of_owner_with_tier(conn, owner_id)
            coverage = []
            for tier, customers in sorted(tiers.items()):
                required = await self.hooks.coverage_visits(tier) if tier else 0
                if required:
                    done = await store.count_visits(conn, owner_id, customers, week_start(moment))
                    coverage.append(Coverage(tier, required, done))
            since = moment - VISIT_SHARE_PERIOD
            share = VisitShare(*await store.visit_share(conn, owner_id, since), since)
        entries: list[DueEntry] = []
        for tier in sorted({t.tier for t in rows}):
            cold_days = await self.hooks.cold_stove_days(tier)
            # The first seven columns are what the rule reads (see `store.due_rows`).
            mine = (tuple(t[:7]) for t in rows if t.tier == tier)
            entries += due_list(mine, day_end, cold_days)
        entries.sort(key=lambda e: (e.status != "breached", e.due_time, e.person))
        return entries, coverage, share

    async def _remind(
        self,
        conn: AsyncConnection,
        employee_id: str,
        region: str,
        kind: str,
        subject: str,
        detail: str,
        due_time: datetime,
    ) -> None:
        await store.add_reminder(
            conn,
            id=str(uuid.uuid4()),
            employee_id=employee_id,
            region=region,
            kind=kind,
            subject=subject,
            detail=detail,
            due_time=due_time,
            create_time=self.now,
        )

    async def cadence_due(self, timer: Timer, conn: AsyncConnection) -> None:
        tracked = await store.get_tracked(conn, timer.key)
        if tracked is None or tracked.due_time is None or tracked.due_time > self.now:
            return  # re-planned meanwhile; the moved timer fires at the new time
        await self._remind(
            conn,
            tracked.owner_id,
            tracked.region,
            "cadence_due",
            f"{tracked.person}/cadence",
            f"contact the {tracked.role} (ideal interval reached)",
            tracked.due_time,
        )

    async def cadence_breached(self, timer: Timer, conn: AsyncConnection) -> None:
        tracked = await store.get_tracked(conn, timer.key)
        if tracked is None or tracked.breach_time is None or tracked.breach_time > self.now:
            return
        # Escalation goes to the supervisor; without one the owner is told.
        await self._remind(
            conn,
            tracked.supervisor_id or tracked.owner_id,
            tracked.region,
            "cadence_breached",
            f"{tracked.person}/cadence",
            f"the {tracked.role} was not contacted within the maximum interval",
            tracked.breach_time,
        )
        await events.cadence_breached(self.kernel.outbox, conn, tracked)

    async def reminders(
        self, principal: Principal, parent: str, token: str, size: int
    ) -> tuple[list, str]:
        employee_id = employee_id_from_name(parent, "parent") if parent else principal.employee_id
        if employee_id != principal.employee_id:
            raise PermissionDenied("reminders are read by the employee they are for")
        limit = page_size(size)
        after = decode_page_token(token, employee_id)
        async with self.kernel.db.read() as conn:
            rows = await store.list_reminders(conn, employee_id, principal.region, after, limit + 1)
        if len(rows) <= limit:
            return rows, ""
        last = rows[limit - 1]
        return rows[:limit], encode_page_token([last.create_time.isoformat(), last.id], employee_id)

    # -----------------------------------------------------------------------------------------
    # Key dates and revisits
    # -----------------------------------------------------------------------------------------

    async def add_key_date(
        self, principal: Principal, person: str, kind: str, month: int, day: int
    ) -> sa.Row:
        split_person(person, "parent")
        collect(key_date_violations(month, day, kind))
        key_date_id = str(uuid.uuid4())
        remind_at = next_key_date_reminder(month, day, self.now)
        async with self.kernel.db.transaction() as conn:
            await self._visible_tracked(conn, principal, person)
            await store.insert_key_date(conn, key_date_id, person, kind, month, day)
            await self.kernel.timers.schedule(conn, KEY_DATE, key_date_id, remind_at)
            return await store.get_key_date(conn, key_date_id)

    async def key_dates(
        self, principal: Principal, person: str, token: str, size: int
    ) -> tuple[list[sa.Row], str]:
        """The person's key dates in calendar order, when its cadence is visible."""
        split_person(person, "parent")
        limit = page_size(size)
        after = decode_page_token(token, person)
        if after is not None and [type(v) for v in after] != [int, int, str]:
            # A token is (month, day, id); anything else was not issued by this method.
            raise InvalidArgument.field("page_token", "not a token this API issued")
        async with self.kernel.db.read() as conn:
            await self._visible_tracked(conn, principal, person)
            rows = await store.list_key_dates(conn, person, after, limit + 1)
        if len(rows) <= limit:
            return rows, ""
        last = rows[limit - 1]
        return rows[:limit], encode_page_token([last.month, last.day, last.id], person)

    async def update_key_date(
        self,
        principal: Principal,
        name: str,
        kind: str,
        month: int,
        day: int,
        mask_paths: list[str],
        etag: str,
    ) -> sa.Row:
        """Correct a key date; its reminder moves to one day before the corrected date."""
        person, key_date_id = split_key_date(name, "key_date.name")
        mask = key_date_mask(mask_paths)
        async with self.kernel.db.transaction() as conn:
            current = await self._visible_key_date(conn, principal, person, key_date_id)
            if etag and etag != store.key_date_etag(current):
                raise FailedPrecondition.field(
                    "key_date.etag", "the key date changed since it was read; read it again"
                )
            proposed = {"kind": kind, "month": month, "day": day}
            kind, month, day = (
                proposed[f] if f in mask else getattr(current, f) for f in ("kind", "month", "day")
            )
            collect(key_date_violations(month, day, kind))
            await store.update_key_date(conn, key_date_id, kind, month, day)
            remind_at = next_key_date_reminder(month, day, self.now)
            await self.kernel.timers.schedule(conn, KEY_DATE, key_date_id, remind_at)
            return await store.get_key_date(conn, key_date_id)

    async def delete_key_date(self, principal: Principal, name: str, etag: str) -> None:
        person, key_date_id = split_key_date(name, "name")
        async with self.kernel.db.transaction() as conn:
            current = await self._visible_key_date(conn, principal, person, key_date_id)
            if etag and etag != store.key_date_etag(current):
                raise FailedPrecondition.field(
                    "etag", "the key date changed since it was read; read it again"
                )
            await store.delete_key_date(conn, key_date_id)
            await self.kernel.timers.cancel(conn, KEY_DATE, key_date_id)

    async def _visible_key_date(
        self, conn: AsyncConnection, principal: Principal, person: str, key_date_id: str
    ) -> sa.Row:
        """The key date of `person`, whose cadence the caller sees; NOT_FOUND otherwise."""
        await self._visible_tracked(conn, principal, person)
        found = await store.get_key_date(conn, key_date_id)
        if found is None or found.person != person:
            raise NotFound(f"{person}/keyDates/{key_date_id} not found")
        return found

    async def key_date_reminder(self, timer: Timer, conn: AsyncConnection) -> None:
        key_date = await store.get_key_date(conn, timer.key)
        if key_date is None:
            return
        tracked = await store.get_tracked(conn, key_date.person)
        if tracked is not None:
            occurs = timer.due_at + timedelta(days=1)
            for employee_id in dict.fromkeys(filter(None, (tracked.owner_id, tracked.sponsor_id))):
                await self._remind(
                    conn,
                    employee_id,
                    tracked.region,
                    "key_date",
                    key_date.person,
                    f"{key_date.kind} tomorrow: routine care (R-CON-10)",
                    occurs,
                )
        # The same date next year: moving the timer re-arms it in this transaction.
        following = next_key_date_reminder(key_date.month, key_date.day, timer.due_at)
        await self.kernel.timers.schedule(conn, KEY_DATE, timer.key, following)

    async def plan_customer_calendar(
        self, conn: AsyncConnection, customer: CustomerContext
    ) -> None:
        """Arm a yearly reminder for each date of the customer's calendar (its packs') and
        announce the whole calendar, so planning learns it without asking."""
        calendar = await self.hooks.customer_calendar(customer)
        for _, found in calendar:
            await self.kernel.timers.schedule(
                conn,
                CUSTOMER_DATE,
                f"{customer.id}/{found.kind}",
                next_customer_date_reminder(found, self.now),
                {"customer": customer.id, "region": customer.region}
                | {name: getattr(found, name) for name in CUSTOMER_DATE_FIELDS},
            )
        await events.customer_calendar_planned(
            self.kernel.outbox, conn, customer, calendar, self.now
        )

    async def customer_date_reminder(self, timer: Timer, conn: AsyncConnection) -> None:
        """The owners of the customer's tracked persons prepare for its date; again next year."""
        found = CustomerDate(
            **{k: v for k, v in timer.payload.items() if k in CUSTOMER_DATE_FIELDS}
        )
        customer_id, region = timer.payload["customer"], timer.payload["region"]
        occurs = timer.due_at + timedelta(days=found.lead_days)
        owners = [t.owner_id for t in await store.tracked_of_customer(conn, customer_id)]
        for employee_id in dict.fromkeys(filter(None, owners)):
            await self._remind(
                conn, employee_id, region, "customer_date", f"customers/{customer_id}",
                f"{found.title} on {occurs:%Y-%m-%d}", occurs,
            )  # fmt: skip
        following = next_customer_date_reminder(found, timer.due_at + timedelta(days=1))
        await self.kernel.timers.schedule(conn, CUSTOMER_DATE, timer.key, following, timer.payload)

    async def revisit_check(self, timer: Timer, conn: AsyncConnection) -> None:
        activity = await store.get_activity(conn, timer.key)
        if activity is None:
            return
        if not await store.contacted_since(
            conn, activity.customer_id, activity.owner_id, activity.end_time, activity.id
        ):
            await self._remind(
                conn,
                activity.owner_id,
                activity.region,
                "revisit_missed",
                activity.name,
                "no revisit within 3 days after the exhibition",
                timer.due_at,
            )

    # -----------------------------------------------------------------------------------------
    # Key events
    # -----------------------------------------------------------------------------------------

    async def record_key_event(
        self, principal: Principal, parent: str, draft: KeyEvent, request_id: str
    ) -> KeyEvent:
        customer_id = customer_id_from_name(parent, "parent")
        if request_id:
            async with self.kernel.db.read() as conn:
                known = await store.key_event_by_request(conn, request_id)
            if known is not None and known.region == principal.region:
                return known
        person_customer, _ = split_person(draft.person, "key_event.person")
        event = replace(
            draft,
            id=str(uuid.uuid4()),
            customer_id=customer_id,
            region=principal.region,
            recorded_by=principal.employee_id,
            create_time=self.now,
        )
        violations = key_event_violations(event, self.now)
        if person_customer != customer_id:
            violations.append(FieldViolation("key_event.person", "is a person of another customer"))
        collect(violations)
        async with self.kernel.db.transaction() as conn:
            tracked = await store.get_tracked(conn, event.person)
            if tracked is not None and not self._sees(principal, tracked):
                raise NotFound(f"{event.person} not found")
            await store.insert_key_event(conn, event, request_id)
            await events.key_event_recorded(self.kernel.outbox, conn, event)
        return event

    # -----------------------------------------------------------------------------------------
    # Playbooks, lifecycle guide, briefing
    # -----------------------------------------------------------------------------------------

    async def suggest(self, principal: Principal, person: str, level: int) -> Suggestion:
        split_person(person, "person")
        if not -3 <= level <= 3:
            raise InvalidArgument.field("support_level", "must be -3..+3")
        async with self.kernel.db.read() as conn:
            tracked = await self._visible_tracked(conn, principal, person)
        playbook, plugin = await self.hooks.playbook(level)
        check = problem_customer_check(tracked.first_contact_time, self.now, level)
        return Suggestion(playbook, plugin, check.advice if check else "")

    async def lifecycle(self, principal: Principal, opportunity: str) -> list[StageProgress]:
        parts = opportunity.split("/")
        if len(parts) != 4 or parts[0] != "customers" or parts[2] != "opportunities":
            raise InvalidArgument.field(
                "opportunity", "must be customers/{customer_id}/opportunities/{id}"
            )
        customer_id_from_name(f"customers/{parts[1]}", "opportunity")
        async with self.kernel.db.read() as conn:
            done = await store.done_activities_of_opportunity(
                conn, self.kernel.policy.scope(principal), opportunity
            )
        return lifecycle_progress((a.lifecycle_stage, a.type, a.target_departments) for a in done)

    async def briefing(
        self, principal: Principal, customer: str, credentials: str | None
    ) -> Briefing:
        customer_id = customer_id_from_name(customer, "customer")
        async with self.kernel.db.read() as conn:
            regions = await store.customer_regions(conn, customer_id)
            if regions and principal.region not in regions:
                # Another region's customer is not found (regions are isolated, decision 11).
                raise NotFound(f"{customer} not found")
            cadences = [
                t
                for t in await store.tracked_of_customer(conn, customer_id)
                if self._sees(principal, t)
            ]
        issues = await self.satisfaction.open_issues(customer, credentials)
        return Briefing(customer_id, issues, cadences)

    # -----------------------------------------------------------------------------------------
    # Other services' events
    # -----------------------------------------------------------------------------------------

    # -- what insight and the archive announce (consumers: events.INSIGHT_TIERS, ...) --------

    @handles(insight_events.TierChanged)
    async def on_tier_changed(self, message, event: Event, conn: AsyncConnection) -> None:
        customer_id = names.customer_id(message.customer, "customer")
        when = time_field(message, "change_time") or event.time
        await self.tier_changed(conn, customer_id, message.region, message.tier, when)

    @handles(insight_events.TierPolicyChanged)
    async def on_tier_policy_changed(self, message, event: Event, conn: AsyncConnection) -> None:
        policy = message.policy
        cadences = [
            PolicyCadence(
                c.role,
                max(round(_days(c.interval)), 1),
                c.minimum_contacts or 1,
                _days(c.ideal_interval) or None,
                _days(c.max_interval) or None,
            )
            for c in policy.contact_cadences
        ]
        # A tier obliging key-relationship work (S and A by default) follows its key persons.
        follows = any(o.code == KEY_RELATIONSHIP for o in policy.relationship_obligations)
        await self.tier_policy_changed(conn, policy.tier, cadences, policy.etag, follows)

    @handles(archive_events.CustomerCreated, archive_events.CustomerUpdated)
    async def on_customer_changed(self, message, event: Event, conn: AsyncConnection) -> None:
        customer = message.customer
        when = time_field(customer, "update_time") or event.time
        await self.customer_changed(
            conn,
            names.customer_id(customer.name, "customer"),
            customer.region,
            customer.industry,
            enum_code(customer, "ownership_type"),
            when,
        )

    @handles(archive_events.PortfolioTransferred)
    async def on_portfolio_transferred(self, message, event: Event, conn: AsyncConnection) -> None:
        await self.portfolio_transferred(
            conn,
            message.from_employee.removeprefix("employees/"),
            message.to_employee.removeprefix("employees/"),
            [names.customer_id(c, "customers") for c in message.customers],
            list(message.persons),
        )

    @handles(archive_events.HandoverIntroductionRequested)
    async def on_handover_introduction(self, message, event: Event, conn: AsyncConnection) -> None:
        await self.handover_introduction(
            conn,
            message.person,
            message.region,
            message.from_employee.removeprefix("employees/"),
            message.to_employee.removeprefix("employees/"),
        )

    @handles(archive_events.PersonCreated, archive_events.PersonUpdated)
    async def on_person_changed(self, message, event: Event, conn: AsyncConnection) -> None:
        person = message.person
        deciding = {person_pb2.DECISION_ROLE_KIND_DECIDER, person_pb2.DECISION_ROLE_KIND_APPROVER}
        roles = []
        if person.veto_holder or any(r.role in deciding for r in person.decision_roles):
            roles.append(DECISION_MAKER)
        if person.rising_star:
            roles.append("rising_star")
        when = time_field(person, "update_time") or event.time
        await self.archive_person_changed(
            conn,
            person.name,
            message.region,
            tuple(roles),
            person.owner.removeprefix("employees/"),
            person.retired,
            bool(person.moved_to),
            when,
        )

    @handles(archive_events.PersonDeleted)
    async def on_person_deleted(self, message, event: Event, conn: AsyncConnection) -> None:
        await self.person_departed(conn, message.name, message.region, event.time)

    @handles(archive_events.PersonMoved)
    async def on_person_moved(self, message, event: Event, conn: AsyncConnection) -> None:
        if message.previous_person and message.previous_person != message.person:
            # A new employer: the person left this customer; the new context is another person.
            await self.person_departed(
                conn, message.previous_person, message.previous_region, event.time
            )

    @handles(planning_events.KeyPersonPlanChanged)
    async def on_key_person_plan_changed(
        self, message, event: Event, conn: AsyncConnection
    ) -> None:
        await self.key_person_plan_changed(
            conn,
            message.person,
            message.region,
            message.target,
            message.owner.removeprefix("employees/"),
            tuple(s.removeprefix("employees/") for s in message.sponsors),
            time_field(message, "change_time") or event.time,
        )

    async def _key_person(self, conn: AsyncConnection, person: str, region: str) -> KeyPerson:
        customer_id, _ = split_person(person, "person")
        return await store.get_key_person(conn, person) or KeyPerson(person, customer_id, region)

    async def archive_person_changed(
        self,
        conn: AsyncConnection,
        person: str,
        region: str,
        roles: tuple[str, ...],
        owner_id: str,
        retired: bool,
        departed: bool,
        when: datetime,
    ) -> None:
        known = await self._key_person(conn, person, region)
        if known.archive_time is not None and known.archive_time > when:
            return  # a newer change is known already
        await store.save_key_person(
            conn,
            replace(
                known,
                region=region,
                archive_roles=roles,
                archive_owner_id=owner_id,
                retired=retired,
                departed=known.departed or departed,
                archive_time=when,
            ),
        )
        await self._follow(conn, person)

    async def person_departed(
        self, conn: AsyncConnection, person: str, region: str, when: datetime
    ) -> None:
        known = await self._key_person(conn, person, region)
        await store.save_key_person(conn, replace(known, departed=True))
        await self._follow(conn, person)

    async def key_person_plan_changed(
        self,
        conn: AsyncConnection,
        person: str,
        region: str,
        target: bool,
        owner_id: str,
        sponsor_ids: tuple[str, ...],
        when: datetime,
    ) -> None:
        known = await self._key_person(conn, person, region)
        if known.plan_time is not None and known.plan_time > when:
            return
        changed = replace(
            known, target=target, plan_owner_id=owner_id, sponsor_ids=sponsor_ids, plan_time=when
        )
        await store.save_key_person(conn, changed)
        await self._follow(conn, person)

    async def _follow(self, conn: AsyncConnection, person: str) -> None:
        """Give a key person of a customer whose tier obliges key-relationship work the cadence
        of their role, without a manual step; end it when they depart or stop being one. A
        person tracked by hand keeps their role, but their departure or retirement counts."""
        key = await store.get_key_person(conn, person)
        if key is None:
            return
        customer = await store.lock_customer(conn, key.customer_id, key.region)
        tracked = await store.get_tracked(conn, person)
        role = key_role(key)
        if key.departed:
            if tracked is not None:
                await self._end(conn, tracked)
            return
        if tracked is not None and not tracked.followed:
            if key.retired and tracked.role != RETIRED_KEY_PERSON:
                tracked.role = RETIRED_KEY_PERSON
                await self._plan(conn, tracked)
            return
        follows = bool(customer.tier) and await store.tier_follows_key_persons(conn, customer.tier)
        if role is None or not follows:
            if tracked is not None:
                await self._end(conn, tracked)
            return
        if tracked is None:
            tracked = Tracked(
                person=person,
                customer_id=key.customer_id,
                region=key.region,
                role=role,
                owner_id=key.owner_id,
                owner_unit="",
                supervisor_id="",
                sponsor_id=key.sponsor_ids[0] if key.sponsor_ids else "",
                tier=customer.tier,
                ideal=None,
                maximum=None,
                source="",
                since_time=self.now,
                first_contact_time=None,
                last_contact_time=None,
                due_time=None,
                breach_time=None,
                followed=True,
            )
        else:
            if key.owner_id and key.owner_id != tracked.owner_id:
                tracked.owner_id, tracked.owner_unit = key.owner_id, ""
            tracked.role, tracked.tier = role, customer.tier
            tracked.sponsor_id = key.sponsor_ids[0] if key.sponsor_ids else ""
        await self._plan(conn, tracked)

    async def _end(self, conn: AsyncConnection, tracked: Tracked) -> None:
        """A departed person (or one no longer followed) has no cadence: nothing falls due."""
        await self.kernel.timers.cancel(conn, CADENCE_DUE, tracked.person)
        await self.kernel.timers.cancel(conn, CADENCE_BREACH, tracked.person)
        await store.end_tracked(conn, tracked.person)

    async def tier_changed(
        self, conn: AsyncConnection, customer_id: str, region: str, tier: str, when: datetime
    ) -> None:
        if not await store.save_tier(conn, customer_id, region, tier, when):
            return  # a newer change is known already
        for tracked in await store.tracked_of_customer(conn, customer_id):
            tracked.tier = tier
            await self._plan(conn, tracked)
        for person in await store.key_persons_of_customer(conn, customer_id):
            await self._follow(conn, person)

    async def customer_changed(
        self,
        conn: AsyncConnection,
        customer_id: str,
        region: str,
        industry: str,
        ownership_type: str,
        when: datetime,
    ) -> None:
        """A customer's industry or ownership type selects other packs: its persons' cadences
        are planned again by the packs serving it now."""
        known = await store.customer_context(conn, customer_id, region)
        if not await store.save_customer_facts(
            conn, customer_id, region, industry, ownership_type, when
        ):
            return
        if (known.industry, known.ownership_type) != (industry, ownership_type):
            for tracked in await store.tracked_of_customer(conn, customer_id):
                await self._plan(conn, tracked)
            customer = await store.customer_context(conn, customer_id, region)
            await self.plan_customer_calendar(conn, customer)

    async def tier_policy_changed(
        self,
        conn: AsyncConnection,
        tier: str,
        cadences: list[PolicyCadence],
        etag: str,
        follows: bool = False,
    ) -> None:
        rows = [
            [c.role, c.interval_days, c.minimum_contacts, c.ideal_days, c.max_days]
            for c in cadences
        ]
        await store.save_tier_cadences(conn, tier, rows, etag, follows)
        for tracked in await store.tracked_of_tier(conn, tier):
            await self._plan(conn, tracked)
        for person in await store.key_persons_of_tier(conn, tier):
            await self._follow(conn, person)

    async def portfolio_transferred(
        self,
        conn: AsyncConnection,
        from_id: str,
        to_id: str,
        customer_ids: list[str],
        persons: list[str],
    ) -> None:
        """Customers belong to the company (decision 12): the successor takes the cadences over
        with their history, so nothing that was due is forgotten."""
        moved = {t.person: t for p in persons if (t := await store.get_tracked(conn, p))}
        for customer_id in customer_ids:
            for tracked in await store.tracked_of_customer(conn, customer_id):
                moved.setdefault(tracked.person, tracked)
        for tracked in moved.values():
            if tracked.owner_id == from_id:
                tracked.owner_id = to_id
                await store.save_tracked(conn, tracked)

    async def handover_introduction(
        self,
        conn: AsyncConnection,
        person: str,
        region: str,
        from_id: str,
        to_id: str,
    ) -> None:
        """The old owner introduces the successor to the person in a joint visit (book ch.3
        §1.21): it is planned for the new owner, and they are reminded of it."""
        customer_id, _ = split_person(person, "person")
        tracked = await store.get_tracked(conn, person)
        unit = tracked.owner_unit if tracked else ""
        if tracked is not None and tracked.owner_id == from_id:
            tracked.owner_id = to_id
            await store.save_tracked(conn, tracked)
        now = self.now
        visit = Activity(
            id=str(uuid.uuid4()),
            customer_id=customer_id,
            region=region,
            type="handover_introduction",
            relationship_type=RelationshipType.KEY if tracked else RelationshipType.GENERAL,
            state=ActivityState.PLANNED,
            title="joint introduction visit",
            start_time=now + INTRODUCTION_AFTER,
            duration=timedelta(hours=1),
            owner_id=to_id,
            owner_unit=unit,
            target_persons=[person],
            participants=[_employee(from_id)],
            create_time=now,
            update_time=now,
        )
        await store.insert_activity(conn, visit, "", {to_id: unit, from_id: ""})
        await events.activity_logged(self.kernel.outbox, conn, visit)
        await self._remind(
            conn,
            to_id,
            region,
            "handover_introduction",
            visit.name,
            "joint introduction visit with the previous owner",
            visit.start_time,
        )


def _days(duration) -> float:
    """A protobuf Duration in days (0 when unset)."""
    return duration.ToTimedelta().total_seconds() / 86_400
