"""Satisfaction's use cases: issues through the ITR flow with SLA timers, surveys and the
per-person loop, voice of customer, improvement items and KPIs. One transaction per command,
visibility on every read, an event through the outbox for every change. Rules live in
`domain`; this module orders the steps."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from mcr.insight.v1 import events_pb2 as insight_events
from mcr_core.auth import Principal, Record, Stakeholder
from mcr_core.auth.visibility import MANAGER, within
from mcr_core.bus import Event, handles
from mcr_core.errors import FailedPrecondition, FieldViolation, InvalidArgument, NotFound, collect
from mcr_core.listing import decode_page_token, encode_page_token, page_size, parse_filter
from mcr_core.plugins import CustomerContext
from mcr_core.protobuf import from_timestamp
from mcr_core.service import Kernel
from mcr_core.timers import Timer
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_satisfaction import domain, events, mapping, store
from mcr_satisfaction.domain import (
    ImprovementItem,
    Issue,
    IssueSla,
    Kpis,
    Party,
    Rating,
    Revisit,
    State,
    Traceback,
    VocItem,
)
from mcr_satisfaction.hooks import SatisfactionHooks

SLA_RESPONSE = "satisfaction.sla_response"
SLA_RESOLUTION = "satisfaction.sla_resolution"
PROGRESS_REPORT = "satisfaction.progress_report"
RESURVEY = "satisfaction.resurvey"
SURVEY_DUE = "satisfaction.survey_due"
SYSTEM = "system"
PROGRESS_INTERVAL = timedelta(hours=1)  # hourly progress reports on a major incident
MAX_MEMORY_PAGE = 500  # ListIssues' contract: at most 500 a page
TIER_RANKS = {"S": 1, "A": 2, "B": 3, "C": 4}  # decision 2's default ladder, highest first


@dataclass(frozen=True)
class NewIssue:
    customer_id: str
    person: str
    title: str
    type: str
    urgency: str
    source: str = ""
    major: bool = False
    key_person: bool = False
    contract_resolution: timedelta | None = None
    acceptor: Party | None = None  # None: the submitter accepts it


def party(principal: Principal) -> Party:
    return Party(principal.employee_id, principal.org_unit)


def employee_id(name: str, field_name: str) -> str:
    return domain.id_from_name(name, "employees", field_name)


class Satisfaction:
    def __init__(self, kernel: Kernel, hooks: SatisfactionHooks, resurvey_days: int = 14) -> None:
        self.kernel = kernel
        self.hooks = hooks
        self.resurvey = timedelta(days=resurvey_days)

    @property
    def now(self) -> datetime:
        return self.kernel.clock.now()

    # -----------------------------------------------------------------------------------------
    # Issues
    # -----------------------------------------------------------------------------------------

    async def create_issue(
        self, principal: Principal, new: NewIssue, request_id: str = ""
    ) -> Issue:
        domain.customer_id_from_name(f"customers/{new.customer_id}", "issue.customer")
        domain.check_person(new.person, new.customer_id, "issue.person")
        async with self.kernel.db.transaction() as conn:
            if request_id and (found := await store.issue_by_request(conn, request_id)):
                return found
            return await self._open(conn, principal.region, party(principal), new, request_id)

    async def _open(
        self, conn: AsyncConnection, region: str, submitter: Party, new: NewIssue, request_id=""
    ) -> Issue:
        now = self.now
        issue = Issue(
            id=str(uuid.uuid4()),
            customer_id=new.customer_id,
            region=region,
            person=new.person,
            title=new.title.strip(),
            type=new.type,
            urgency=new.urgency,
            source=new.source,
            submitter=submitter,
            create_time=now,
            major=new.major,
            key_person=new.key_person,
            acceptor=new.acceptor or submitter,
        )
        domain.check_new_issue(issue)
        slas = await self._slas(conn, new.customer_id)
        due = domain.sla_deadlines(slas, issue.severity, now, new.contract_resolution)
        issue = replace(issue, response_due_time=due.response, sla_due_time=due.resolution)
        if domain.is_major(issue):
            # A customer-care representative (usually the account manager) coordinates it.
            issue = replace(issue, care_representative=submitter.employee_id)
        if not await store.insert_issue(conn, issue, request_id or None):
            found = await store.issue_by_request(conn, request_id)
            assert found is not None
            return found
        timers = self.kernel.timers
        await timers.schedule(conn, SLA_RESPONSE, issue.id, due.response)
        await timers.schedule(conn, SLA_RESOLUTION, issue.id, due.resolution)
        if issue.major:
            await timers.schedule(conn, PROGRESS_REPORT, issue.id, now + PROGRESS_INTERVAL)
        outbox = self.kernel.outbox
        await events.issue_changed(outbox, conn, issue, "created", submitter.employee_id)
        if issue.key_person and issue.type == "complaint":
            await events.risk_signalled(outbox, conn, issue, "complaint", now)
        if domain.is_major(issue) and not await store.earlier_trace(
            conn, issue.customer_id, issue.id, now - domain.NO_TRACE_WINDOW
        ):
            await events.team_key_event(outbox, conn, issue)
        return issue

    async def _slas(self, conn: AsyncConnection, customer_id: str) -> Sequence[IssueSla]:
        tier = await store.tier_of(conn, customer_id)
        policy = await store.policy_of(conn, tier) if tier else None
        return policy[0] if policy else domain.FALLBACK_SLAS

    async def _visible(self, conn: AsyncConnection, principal: Principal, issue_id: str) -> Issue:
        issue = await store.get_issue(conn, issue_id)
        if issue is not None:
            record = Record(issue.region, await store.parties(conn, issue_id))
            if self.kernel.policy.allows(principal, record):
                return issue
        raise NotFound(f"issues/{issue_id} not found")

    async def _check_region(
        self, conn: AsyncConnection, principal: Principal, customer_id: str
    ) -> None:
        """Another region's customer is not found (regions are isolated, decision 11)."""
        regions = await store.customer_regions(conn, customer_id)
        if regions and principal.region not in regions:
            raise NotFound(f"customers/{customer_id} not found")

    async def get_issue(self, principal: Principal, issue_id: str) -> Issue:
        async with self.kernel.db.read() as conn:
            return await self._visible(conn, principal, issue_id)

    async def list_issues(
        self, principal: Principal, parent: str, filter_text: str, token: str, size: int
    ) -> tuple[list[Issue], str]:
        customer_id = (
            None if parent == "customers/-" else domain.customer_id_from_name(parent, "parent")
        )
        limit = min(page_size(size), MAX_MEMORY_PAGE)
        comparisons = parse_filter(filter_text, frozenset(store.FILTER_COLUMNS))
        after = decode_page_token(token, f"{parent}|{filter_text}")
        key = (datetime.fromisoformat(after[0]), after[1]) if after else None
        scope = self.kernel.policy.scope(principal)
        async with self.kernel.db.read() as conn:
            page = await store.list_issues(conn, scope, customer_id, comparisons, key, limit + 1)
        if len(page) <= limit:
            return page, ""
        last = page[limit - 1]
        token = encode_page_token(
            [last.create_time.isoformat(), last.id], f"{parent}|{filter_text}"
        )
        return page[:limit], token

    async def _change(
        self,
        principal: Principal,
        issue_id: str,
        change: str | Callable[[Issue], str],
        step: Callable[[Issue], Issue],
        after: Callable[[AsyncConnection, Issue], object] | None = None,
        score: int = 0,
    ) -> Issue:
        """Load the visible issue, apply one domain step, write it over the version read, and
        announce the change, all in one transaction."""
        async with self.kernel.db.transaction() as conn:
            issue = await self._visible(conn, principal, issue_id)
            changed = replace(step(issue), version=issue.version + 1)
            if not await store.update_issue(conn, changed, issue.version):
                raise FailedPrecondition.field("etag", "the issue changed meanwhile; try again")
            if after is not None:
                await after(conn, changed)
            name = change if isinstance(change, str) else change(changed)
            await events.issue_changed(
                self.kernel.outbox, conn, changed, name, principal.employee_id, score
            )
            return changed

    async def accept(self, principal: Principal, issue_id: str, valid: bool, type_: str) -> Issue:
        async def rejected(conn: AsyncConnection, issue: Issue) -> None:
            if issue.state == State.REJECTED:
                await self._stop_timers(conn, issue.id)

        return await self._change(
            principal,
            issue_id,
            lambda i: "rejected" if i.state == State.REJECTED else "accepted",
            lambda i: domain.accept(i, principal.employee_id, valid, type_, self.now),
            rejected,
        )

    async def distribute(
        self, principal: Principal, issue_id: str, receiver: str, receiver_unit: str
    ) -> Issue:
        who = Party(employee_id(receiver, "receiver"), receiver_unit)
        if not receiver_unit.startswith("/"):
            raise InvalidArgument.field("receiver_org_unit", "is required: an org unit path")
        return await self._change(
            principal,
            issue_id,
            "distributed",
            lambda i: domain.distribute(i, principal.employee_id, who),
        )

    async def start_handling(
        self,
        principal: Principal,
        issue_id: str,
        case_reference: str,
        plan: str,
        consent: bool,
        in_contract: bool,
    ) -> Issue:
        async def answered(conn: AsyncConnection, issue: Issue) -> None:
            await self.kernel.timers.cancel(conn, SLA_RESPONSE, issue.id)

        return await self._change(
            principal,
            issue_id,
            "handling_started",
            lambda i: domain.start_handling(
                i, principal.employee_id, case_reference, plan, consent, in_contract, self.now
            ),
            answered,
        )

    async def case_guides(self, principal: Principal, issue_id: str):
        """The case library's guides for a visible issue (R-NTI-2)."""
        issue = await self.get_issue(principal, issue_id)
        guides, _ = await self.hooks.case_guides(issue.type, issue.title)
        return guides

    async def escalate(
        self, principal: Principal, issue_id: str, reason: str, owner: str, owner_unit: str
    ) -> Issue:
        assigned = Party(employee_id(owner, "owner"), owner_unit) if owner else None
        return await self._change(
            principal,
            issue_id,
            "escalated",
            lambda i: domain.escalate(i, principal.employee_id, reason, assigned),
        )

    async def resolve(self, principal: Principal, issue_id: str, resolution: str) -> Issue:
        async def resolved(conn: AsyncConnection, issue: Issue) -> None:
            await self._stop_timers(conn, issue.id)

        return await self._change(
            principal,
            issue_id,
            "resolved",
            lambda i: domain.resolve(i, principal.employee_id, resolution, self.now),
            resolved,
        )

    async def revisit(
        self,
        principal: Principal,
        issue_id: str,
        contact: str,
        score: int,
        comment: str,
        person: str = "",
    ) -> Issue:
        visit = Revisit(
            contact.strip(), score, comment.strip(), principal.employee_id, self.now, person
        )
        async with self.kernel.db.transaction() as conn:
            # The issue first: the 10-day rule is asked only of a visible issue's own customer
            # and region, so it never tells about a revisit elsewhere.
            issue = await self._visible(conn, principal, issue_id)
            key = domain.revisited_contact(issue, visit)
            last = await store.last_revisit(conn, issue.region, key) if visit.contact else None
            changed = replace(domain.revisit(issue, visit, last), version=issue.version + 1)
            if not await store.update_issue(conn, changed, issue.version):
                raise FailedPrecondition.field("etag", "the issue changed meanwhile; try again")
            await store.add_revisit(conn, issue, key, visit)
            change = "revisited" if changed.state == State.REVISITED else "qa_traceback_opened"
            await events.issue_changed(
                self.kernel.outbox, conn, changed, change, principal.employee_id, score
            )
            return changed

    async def trace_back(
        self, principal: Principal, issue_id: str, accountable: str, finding: str
    ) -> Issue:
        traceback = Traceback(accountable.strip(), finding.strip(), principal.employee_id, self.now)
        return await self._change(
            principal,
            issue_id,
            "qa_traceback_recorded",
            lambda i: domain.trace_back(i, traceback),
        )

    async def close(self, principal: Principal, issue_id: str) -> Issue:
        async def closed(conn: AsyncConnection, issue: Issue) -> None:
            await self._stop_timers(conn, issue.id)
            if issue.key_person and issue.person:
                window = await self._resurvey_window(conn, issue.customer_id)
                await self.kernel.timers.schedule(conn, RESURVEY, issue.id, self.now + window)

        return await self._change(
            principal,
            issue_id,
            "closed",
            lambda i: domain.close(i, principal.employee_id, self.now),
            closed,
        )

    async def _resurvey_window(self, conn: AsyncConnection, customer_id: str) -> timedelta:
        """The resurvey setting, or the tier's survey interval when that is shorter."""
        tier = await store.tier_of(conn, customer_id)
        policy = await store.policy_of(conn, tier) if tier else None
        interval = policy[1] if policy and policy[1] > timedelta(0) else self.resurvey
        return min(self.resurvey, interval)

    async def _stop_timers(self, conn: AsyncConnection, issue_id: str) -> None:
        for kind in (SLA_RESPONSE, SLA_RESOLUTION, PROGRESS_REPORT):
            await self.kernel.timers.cancel(conn, kind, issue_id)

    # -----------------------------------------------------------------------------------------
    # Timers
    # -----------------------------------------------------------------------------------------

    async def _system_update(self, conn: AsyncConnection, before: Issue, after: Issue) -> None:
        changed = replace(after, version=before.version + 1)
        if not await store.update_issue(conn, changed, before.version):
            raise RuntimeError("the issue changed while its timer fired; it fires again")

    async def response_due(self, timer: Timer, conn: AsyncConnection) -> None:
        await self._breach(conn, timer.key, "response")

    async def resolution_due(self, timer: Timer, conn: AsyncConnection) -> None:
        await self._breach(conn, timer.key, "resolution")

    async def _breach(self, conn: AsyncConnection, issue_id: str, sla: str) -> None:
        issue = await store.get_issue(conn, issue_id)
        if issue is None or sla in issue.breaches:
            return
        done = issue.response_time if sla == "response" else issue.resolve_time
        if done is not None or issue.state in (State.CLOSED, State.REJECTED):
            return
        due = issue.response_due_time if sla == "response" else issue.sla_due_time
        await self._system_update(conn, issue, replace(issue, breaches=(*issue.breaches, sla)))
        await events.sla_breached(self.kernel.outbox, conn, issue, sla, due)

    async def progress_due(self, timer: Timer, conn: AsyncConnection) -> None:
        """A major incident reports progress every hour until it is resolved."""
        issue = await store.get_issue(conn, timer.key)
        if issue is None or issue.state in (
            State.RESOLVED,
            State.REVISITED,
            State.CLOSED,
            State.REJECTED,
        ):
            return
        await events.issue_changed(self.kernel.outbox, conn, issue, "progress_report_due", SYSTEM)
        await self.kernel.timers.schedule(
            conn, PROGRESS_REPORT, issue.id, timer.due_at + PROGRESS_INTERVAL
        )

    async def resurvey_due(self, timer: Timer, conn: AsyncConnection) -> None:
        """The per-person loop: a key person whose issue closed is surveyed again."""
        issue = await store.get_issue(conn, timer.key)
        if issue is None:
            return
        dimensions, _ = await self.hooks.survey_dimensions(
            "resurvey", CustomerContext(issue.customer_id, issue.region)
        )
        survey_id = str(uuid.uuid4())
        await store.insert_survey(
            conn,
            self._survey_row(
                survey_id,
                issue.customer_id,
                issue.region,
                "resurvey",
                dimensions or [],
                self.now + domain.ACTIVITY_REVISIT,
                domain.SamplePlan(1),
                issue.person,
                SYSTEM,
            ),
        )
        await self._announce_survey(conn, survey_id, "resurvey")
        await events.resurvey_due(self.kernel.outbox, conn, issue, survey_id)

    async def _announce_survey(self, conn: AsyncConnection, survey_id: str, trigger: str):
        row = await store.get_survey(conn, survey_id)
        await events.survey_created(self.kernel.outbox, conn, mapping.survey_to_proto(row), trigger)
        return row

    async def survey_due(self, timer: Timer, conn: AsyncConnection) -> None:
        """The tier policy's survey interval: the customer is surveyed, and again one interval
        later (the interval of the tier it has then)."""
        customer_id, region = timer.key, timer.payload.get("region", "")
        interval = await self._survey_interval(conn, customer_id)
        if interval is None:  # the customer left the portfolio, or its tier has no policy
            await store.mark_survey_scheduled(conn, customer_id, False)
            return
        dimensions, _ = await self.hooks.survey_dimensions(
            "self", CustomerContext(customer_id, region)
        )
        survey_id = str(uuid.uuid4())
        row = self._survey_row(
            survey_id,
            customer_id,
            region,
            "self",
            dimensions or sorted(domain.DIMENSIONS),
            None,
            domain.SamplePlan(0),
            "",
            SYSTEM,
        )
        await store.insert_survey(conn, row)
        await self._announce_survey(conn, survey_id, "survey_interval")
        await self.kernel.timers.schedule(
            conn, SURVEY_DUE, customer_id, timer.due_at + interval, {"region": region}
        )

    async def _survey_interval(self, conn: AsyncConnection, customer_id: str) -> timedelta | None:
        tier = await store.tier_of(conn, customer_id)
        policy = await store.policy_of(conn, tier) if tier else None
        if policy is None or policy[1] <= timedelta(0):
            return None
        return policy[1]

    # -----------------------------------------------------------------------------------------
    # Insight's tiers and policies
    # -----------------------------------------------------------------------------------------

    # -- what insight announces (consumer: events.INSIGHT_TIERS) -----------------------------

    @handles(insight_events.TierChanged)
    async def on_tier_changed(self, message, event: Event, conn: AsyncConnection) -> None:
        customer_id = message.customer.removeprefix("customers/")
        when = from_timestamp(message.change_time)
        await self.tier_changed(conn, customer_id, message.region, message.tier, when)

    @handles(insight_events.TierPolicyChanged)
    async def on_tier_policy_changed(self, message, event: Event, conn: AsyncConnection) -> None:
        policy = message.policy
        await self.policy_changed(
            conn,
            policy.tier,
            policy.etag,
            mapping.slas_from_policy(policy),
            mapping.survey_interval(policy),
        )

    async def tier_changed(
        self, conn: AsyncConnection, customer_id: str, region: str, tier: str, when: datetime
    ) -> None:
        if not await store.save_tier(conn, customer_id, region, tier, when):
            return
        interval = await self._survey_interval(conn, customer_id)
        if interval is None:
            await self.kernel.timers.cancel(conn, SURVEY_DUE, customer_id)
        else:  # surveyed one interval of the new tier after the change
            await self._schedule_survey(conn, customer_id, region, when + interval)

    async def _schedule_survey(
        self, conn: AsyncConnection, customer_id: str, region: str, due: datetime
    ) -> None:
        await self.kernel.timers.schedule(conn, SURVEY_DUE, customer_id, due, {"region": region})
        await store.mark_survey_scheduled(conn, customer_id, True)

    async def policy_changed(
        self,
        conn: AsyncConnection,
        tier: str,
        etag: str,
        slas: Sequence[IssueSla],
        survey_interval: timedelta,
    ) -> None:
        await store.save_policy(conn, tier, etag, slas, survey_interval)
        if survey_interval <= timedelta(0):
            return
        # Customers whose tier arrived before its policy get their survey scheduled now.
        for row in await store.unscheduled_of_tier(conn, tier):
            due = max(row.change_time + survey_interval, self.now)
            await self._schedule_survey(conn, row.customer_id, row.region, due)

    # -----------------------------------------------------------------------------------------
    # Surveys
    # -----------------------------------------------------------------------------------------

    def _survey_row(
        self,
        survey_id: str,
        customer_id: str,
        region: str,
        kind: str,
        dimensions: list[str],
        due: datetime | None,
        plan: domain.SamplePlan,
        person: str,
        created_by: str,
        created_by_unit: str = "",
    ) -> dict:
        return {
            "id": survey_id,
            "customer_id": customer_id,
            "region": region,
            "kind": kind,
            "dimensions": dimensions,
            "due_time": due,
            "sample_per_level": plan.per_level,
            "sample_size": plan.size,
            "answer_count": 0,
            "satisfaction_sum": 0.0,
            "person": person,
            "created_by": created_by,
            "created_by_org_unit": created_by_unit,
            "create_time": self.now,
        }

    async def create_survey(
        self,
        principal: Principal,
        customer: str,
        kind: str,
        dimensions: list[str],
        industry: str,
        annual_order_usd: int,
        activity_end: datetime | None,
    ):
        customer_id = domain.customer_id_from_name(customer, "survey.customer")
        problems = []
        if kind not in domain.SURVEY_KINDS:
            problems.append(
                FieldViolation("survey.kind", f"must be one of {sorted(domain.SURVEY_KINDS)}")
            )
        unknown = [d for d in dimensions if d not in domain.DIMENSIONS]
        if unknown:
            problems.append(FieldViolation("survey.dimensions", f"unknown dimensions {unknown}"))
        if kind == "activity" and activity_end is None:
            problems.append(FieldViolation("activity_end_time", "is required for activity"))
        collect(problems)
        if not dimensions:
            customer_context = CustomerContext(customer_id, principal.region, industry)
            dimensions = (await self.hooks.survey_dimensions(kind, customer_context))[0] or sorted(
                domain.DIMENSIONS
            )
        plan = (
            domain.third_party_sample(annual_order_usd)
            if kind == "third_party"
            else domain.SamplePlan(0)
        )
        due = domain.activity_revisit_due(activity_end) if activity_end else None
        row = self._survey_row(
            str(uuid.uuid4()),
            customer_id,
            principal.region,
            kind,
            dimensions,
            due,
            plan,
            "",
            principal.employee_id,
            principal.org_unit,
        )
        async with self.kernel.db.transaction() as conn:
            await store.insert_survey(conn, row)
            return await self._announce_survey(conn, row["id"], "requested")

    async def plan_project(
        self, principal: Principal, customers: list[str], large: bool, industry: str
    ) -> list:
        """A closed project's surveys (R-SAT-3): all customers of a large project, a 10%
        sample of a small one's; each announced."""
        if not customers:
            raise InvalidArgument.field("customers", "name at least one customer")
        ids = [
            domain.customer_id_from_name(name, f"customers[{index}]")
            for index, name in enumerate(customers)
        ]
        project = CustomerContext(ids[0], principal.region, industry)  # one template for all
        dimensions = (await self.hooks.survey_dimensions("project", project))[0] or sorted(
            domain.DIMENSIONS
        )
        rows = [
            self._survey_row(
                str(uuid.uuid4()),
                customer_id,
                principal.region,
                "project",
                dimensions,
                None,
                domain.SamplePlan(0),
                "",
                principal.employee_id,
                principal.org_unit,
            )
            for customer_id in domain.project_sample(list(dict.fromkeys(ids)), large)
        ]
        async with self.kernel.db.transaction() as conn:
            planned = []
            for row in rows:
                await store.insert_survey(conn, row)
                planned.append(await self._announce_survey(conn, row["id"], "project_closed"))
            return planned

    async def survey_results(
        self, principal: Principal, parent: str, survey: str
    ) -> tuple[int, int, list[domain.DimensionResult]]:
        """The answers of the visible surveys of `parent` (or of the one `survey`), per
        expectation; answers (count) and surveys (count) too."""
        customer_id = (
            None if parent == "customers/-" else domain.customer_id_from_name(parent, "parent")
        )
        survey_id = domain.id_from_name(survey, "surveys", "survey") if survey else None
        async with self.kernel.db.read() as conn:
            if customer_id is not None:
                await self._check_region(conn, principal, customer_id)
            rows = await store.surveys_of(conn, principal.region, customer_id, survey_id)
            # A survey is its creator's record: their superiors see it, a peer never does
            # (decision 11).
            rows = [
                r
                for r in rows
                if self.kernel.policy.allows(
                    principal, Record(r.region, (Stakeholder(r.created_by, r.created_by_org_unit),))
                )
            ]
            if survey_id and not rows:
                raise NotFound(f"{survey} not found")
            answers = await store.answer_ratings(conn, [r.id for r in rows])
        return len(rows), len(answers), domain.survey_results(answers)

    async def answer(
        self,
        principal: Principal,
        survey_id: str,
        person: str,
        key_person: bool,
        level: str,
        mode: str,
        ratings: dict[str, Rating],
    ):
        problems = []
        if level not in domain.LEVELS_OF_RESPONDENT:
            problems.append(FieldViolation("answer.level", "must be senior, middle or grassroots"))
        if mode not in domain.MODES:
            problems.append(
                FieldViolation("answer.mode", "must be interview, phone or questionnaire")
            )
        if key_person and not person:
            problems.append(FieldViolation("answer.person", "is required for a key person"))
        collect(problems)
        domain.check_ratings(ratings, "answer.ratings")
        score = domain.satisfaction(ratings)
        detractor = domain.is_detractor(ratings)
        async with self.kernel.db.transaction() as conn:
            survey = await store.get_survey(conn, survey_id)
            if survey is None or survey.region != principal.region:
                raise NotFound(f"surveys/{survey_id} not found")
            domain.check_person(person, survey.customer_id, "answer.person")
            issue_id = ""
            if detractor and key_person:
                issue = await self._open(
                    conn,
                    survey.region,
                    party(principal),
                    NewIssue(
                        survey.customer_id,
                        person,
                        "A key person's detractor answer in a survey",
                        "satisfaction_follow_up",
                        "high",
                        source="survey",
                        key_person=True,
                    ),
                )
                await events.risk_signalled(self.kernel.outbox, conn, issue, "detractor", self.now)
                issue_id = issue.id
            values = {
                "id": str(uuid.uuid4()),
                "survey_id": survey_id,
                "person": person,
                "key_person": key_person,
                "level": level,
                "mode": mode,
                "ratings": {k: [r.expectation, r.perception] for k, r in ratings.items()},
                "satisfaction": score,
                "detractor": detractor,
                "issue_id": issue_id,
                "create_time": self.now,
            }
            after = await store.add_answer(conn, values)
            answer = mapping.answer_to_proto(values)
            await events.survey_answered(
                self.kernel.outbox, conn, mapping.survey_to_proto(after), answer
            )
            return answer

    # -----------------------------------------------------------------------------------------
    # Voice of customer and improvement items
    # -----------------------------------------------------------------------------------------

    async def create_voc(
        self, principal: Principal, customer: str, kind: str, source: str, summary: str
    ) -> VocItem:
        customer_id = domain.customer_id_from_name(customer, "voc_item.customer")
        item = VocItem(
            str(uuid.uuid4()),
            customer_id,
            principal.region,
            kind,
            source,
            summary.strip(),
            party(principal),
            self.now,
        )
        domain.check_voc(item)
        async with self.kernel.db.transaction() as conn:
            await store.save_voc(conn, item)
            await events.voc_changed(self.kernel.outbox, conn, item, "collected")
        return item

    async def advance_voc(
        self, principal: Principal, item_id: str, stage: str, issue: str
    ) -> VocItem:
        issue_id = domain.id_from_name(issue, "issues", "issue") if issue else ""
        async with self.kernel.db.transaction() as conn:
            item = await store.get_voc(conn, item_id)
            if item is None or item.region != principal.region:
                raise NotFound(f"vocItems/{item_id} not found")
            if issue_id:
                await self._visible(conn, principal, issue_id)
            item = domain.advance_voc(item, stage, issue_id, self.now)
            await store.save_voc(conn, item)
            await events.voc_changed(self.kernel.outbox, conn, item, "advanced")
        return item

    async def create_improvement(
        self, principal: Principal, tier: str, shortfall: str, summary: str, priority: int
    ) -> ImprovementItem:
        item = ImprovementItem(
            str(uuid.uuid4()),
            principal.region,
            tier,
            shortfall,
            summary.strip(),
            priority,
            self.now,
            principal.employee_id,
        )
        domain.check_improvement(item)
        async with self.kernel.db.transaction() as conn:
            await store.save_improvement(conn, item)
            await events.improvement_changed(self.kernel.outbox, conn, item, "created")
        return item

    async def advance_improvement(
        self, principal: Principal, item_id: str, state: str
    ) -> ImprovementItem:
        async with self.kernel.db.transaction() as conn:
            item = await store.get_improvement(conn, item_id)
            if item is None or item.region != principal.region:
                raise NotFound(f"improvementItems/{item_id} not found")
            item = domain.advance_improvement(item, state, self.now)
            await store.save_improvement(conn, item)
            await events.improvement_changed(self.kernel.outbox, conn, item, "advanced")
        return item

    async def improvements(self, principal: Principal, state: str) -> list[ImprovementItem]:
        async with self.kernel.db.read() as conn:
            items = await store.improvements(conn, principal.region, state)
        return sorted(items, key=domain.improvement_order(TIER_RANKS))

    # -----------------------------------------------------------------------------------------
    # KPIs
    # -----------------------------------------------------------------------------------------

    async def kpis(self, principal: Principal, team: str, start: datetime, end: datetime) -> Kpis:
        """A team's KPIs: its members see them, and managers of units above it."""
        if not team.startswith("/"):
            raise InvalidArgument.field("team", "is required: an org unit path")
        if end <= start:
            raise InvalidArgument.field("end_time", "must be after start_time")
        member = within(principal.org_unit, team)
        manages = principal.has_role(MANAGER) and within(team, principal.org_unit)
        if not (member or manages):
            raise NotFound(f"the KPIs of {team} are not visible to the caller")
        async with self.kernel.db.read() as conn:
            counts = await store.kpi_counts(conn, principal.region, team, start, end)
        return domain.kpis(counts)

    async def weekly_quota(
        self, principal: Principal, customer: str, annual_revenue_usd: int, week_start: datetime
    ) -> tuple[int, int]:
        """The customer's weekly quota of valid issues and how many the week has (R-VOC-9)."""
        customer_id = domain.customer_id_from_name(customer, "customer")
        if annual_revenue_usd < 0:
            raise InvalidArgument.field("annual_revenue_usd", "must not be negative")
        end = week_start + timedelta(days=7)
        async with self.kernel.db.read() as conn:
            recorded = await store.valid_issues_of(
                conn, principal.region, customer_id, week_start, end
            )
        return domain.weekly_issue_quota(annual_revenue_usd), recorded
