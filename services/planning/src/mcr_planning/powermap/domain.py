"""The power map (book §1.19 step 2, §1.20): persons and edges, decision chains by ownership
type, coverage gaps, and whether a customer meets its tier's relationship obligations
(decision 3, read from the tier policy, never from the tier code).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from mcr_core.errors import FieldViolation, InvalidArgument

from mcr_planning.domain import (
    EXCLUSIVE,
    LAYER_ORDER,
    NEUTRAL,
    SUPPORT,
    CurrentState,
    DecisionRole,
    EdgeKind,
    GeneralLevel,
    Layer,
    OrgLevel,
    PowerEdge,
    PowerPerson,
    RelationshipGoal,
    general_at_least,
    org_at_least,
)


@dataclass(frozen=True)
class ChainNode:
    person: str
    role: DecisionRole
    hidden: bool = False


class OwnershipType(StrEnum):
    """How the customer enterprise is owned (the archive's field): 「所有制不同,决策模式不同」."""

    UNSPECIFIED = "unspecified"
    PRIVATE = "private"
    STATE_OWNED = "state_owned"
    FOREIGN = "foreign"
    LISTED = "listed"


@dataclass(frozen=True)
class DecisionPattern:
    """The decision roles a customer's purchases pass through, in order, and why: a pack's
    reading of one ownership type (book §1.19: 「决策链在不同类型的公司中会有所差异,比如民企、
    国企、外企、上市公司的决策模式可能并不一样」)."""

    roles: tuple[DecisionRole, ...]
    explanation: str

    def problems(self) -> str | None:
        if not self.roles:
            return "names no decision role"
        if len(set(self.roles)) != len(self.roles):
            return "names a decision role twice"
        if not self.explanation.strip():
            return "gives no explanation"
        return None


def missing_roles(pattern: DecisionPattern | None, nodes: Sequence[dict]) -> list[str]:
    """The pattern's roles that a drawn chain (its stored nodes) does not name yet."""
    if pattern is None:
        return []
    named = {node["role"] for node in nodes}
    return [role.value for role in pattern.roles if role.value not in named]


def check_decision_chain(scenario: str, nodes: Sequence[ChainNode], on_map: set[str]) -> None:
    """A chain names its scenario, passes persons of the power map, and ends in a decision."""
    if not scenario.strip():
        raise InvalidArgument.field("decision_chain.scenario", "name the business scenario")
    if not nodes:
        raise InvalidArgument.field("decision_chain.nodes", "draw at least one person")
    violations = [
        FieldViolation(f"decision_chain.nodes[{i}].person", f"{n.person} is not on the power map")
        for i, n in enumerate(nodes)
        if n.person not in on_map
    ]
    if violations:
        raise InvalidArgument(*violations)
    if not any(n.role in (DecisionRole.DECIDER, DecisionRole.APPROVER) for n in nodes):
        raise InvalidArgument.field(
            "decision_chain.nodes", "a decision chain needs its decider or approver"
        )


# ---------------------------------------------------------------------------------------------
# The archive's facts of a person, and what the team adds to them
# ---------------------------------------------------------------------------------------------

# The most decisive of a person's roles stands for them where one role is asked for.
DECISIVENESS = (
    DecisionRole.DECIDER,
    DecisionRole.APPROVER,
    DecisionRole.GATEKEEPER,
    DecisionRole.INFLUENCER,
    DecisionRole.BUYER,
    DecisionRole.INITIATOR,
    DecisionRole.USER,
)
# What the team sets on the power map; everything else of a person is the archive's.
TEAM_FIELDS = ("support", "competitor_support", "coach", "owner", "target_level")


@dataclass(frozen=True)
class ArchivePerson:
    """A person as the archive announces them (the archive is authoritative on these)."""

    person: str
    title: str
    decision_roles: tuple[tuple[str, DecisionRole], ...]
    layer: Layer | None
    veto: bool
    department: str
    reports_to: str
    outside_org_chart: bool
    owner: str
    departed: bool  # retired, moved to another employer: off the map


def most_decisive(roles: Sequence[tuple[str, DecisionRole]]) -> DecisionRole | None:
    held = {role for _, role in roles}
    return next((role for role in DECISIVENESS if role in held), None)


def follow_archive(current: PowerPerson | None, fact: ArchivePerson) -> PowerPerson:
    """The person on the map after the archive's news: the archive's facts replace planning's
    copy, the team's own fields stay (a new person starts neutral, owned by the archive's
    owner)."""
    base = current or PowerPerson(
        fact.person, fact.title, DecisionRole.INFLUENCER, Layer.LOW, NEUTRAL, owner=fact.owner
    )
    return reconcile(
        replace(
            base,
            display_name=fact.title or base.display_name,
            in_archive=True,
            decision_roles=fact.decision_roles,
            customer_layer=fact.layer,
            veto=fact.veto,
            department=fact.department,
            reports_to=fact.reports_to,
            outside_org_chart=fact.outside_org_chart,
        )
    )


def team_update(
    current: PowerPerson, requested: PowerPerson, fields: set[str] | None
) -> PowerPerson:
    """What a team's write changes: its own fields (those in the mask, or all), and the role and
    layer only while the archive records none (the former vocabulary, kept for old clients)."""
    names = set(fields) if fields is not None else {*TEAM_FIELDS, "display_name", "role", "layer"}
    changes = {f: getattr(requested, f) for f in names if f != "veto"}
    if "display_name" in changes and not requested.display_name:
        del changes["display_name"]
    return reconcile(replace(current, **changes))


def reconcile(person: PowerPerson) -> PowerPerson:
    """The archive's role and layer win over the former vocabulary's where it records them."""
    role = most_decisive(person.decision_roles) or person.role
    return replace(person, role=role, layer=person.customer_layer or person.layer)


# ---------------------------------------------------------------------------------------------
# Coverage gaps of the power map
# ---------------------------------------------------------------------------------------------


class GapKind(StrEnum):
    SINGLE_THREADED = "single_threaded"
    NO_COACH = "no_coach"
    DECIDER_UNSUPPORTED = "decider_unsupported"
    EXCLUSIVE_CXOS_SHORT = "exclusive_cxos_short"
    OWNER_BELOW_TARGET = "owner_below_target"
    # Per business scenario (its decision chain as the archive's decision roles draw it)
    DECIDER_WITHOUT_OWNER = "decider_without_owner"
    NO_SUPPORTER_AT_DECIDER_LEVEL = "no_supporter_at_decider_level"
    COMPETITOR_SUPPORTER_ABOVE_OURS = "competitor_supporter_above_ours"
    KEY_ROLE_WITHOUT_BACKUP = "key_role_without_backup"


@dataclass(frozen=True)
class CoverageGap:
    kind: GapKind
    subject: str  # the customer or the person the gap is about
    detail: str
    scenario: str = ""  # the business scenario whose decision chain it is in, if any
    competitor: str = ""  # the competitor it is about, if any

    @property
    def key(self) -> str:
        return ":".join(
            part for part in (self.kind.value, self.scenario, self.competitor, self.subject) if part
        )


KEY_RELATIONSHIP = "key_relationship"
GENERAL_RELATIONSHIP = "general_relationship"
ORGANISATIONAL_RELATIONSHIP = "organisational_relationship"
RELATIONSHIP_TYPES = (GENERAL_RELATIONSHIP, KEY_RELATIONSHIP, ORGANISATIONAL_RELATIONSHIP)


KEY_ROLES = (DecisionRole.DECIDER, DecisionRole.APPROVER)


def decision_chains(
    persons: Sequence[PowerPerson],
) -> dict[str, list[tuple[PowerPerson, DecisionRole]]]:
    """Each business scenario's decision chain: the persons with a role in it, as the archive
    records the roles."""
    chains: dict[str, list[tuple[PowerPerson, DecisionRole]]] = {}
    for p in persons:
        for scenario, role in p.decision_roles:
            chains.setdefault(scenario, []).append((p, role))
    return chains


def _rank(layer: Layer) -> int:
    return LAYER_ORDER.index(layer)


def scenario_gaps(
    persons: Sequence[PowerPerson], backed_up: frozenset[str], customer: str
) -> list[CoverageGap]:
    """What each business scenario's decision chain lacks: its decider needs an owner (R-66,
    R-60: the decider first) and a supporter of ours at or above their layer (R-60, R-CON-13:
    every scenario's chain has our supporter); no competitor's supporter may sit above our
    highest (R-61: no clear disadvantage in level); a key role (decider, approver) with an
    owner needs a backup owner, A and B (R-66)."""
    gaps: list[CoverageGap] = []
    for scenario, chain in sorted(decision_chains(persons).items()):
        supporters = [p for p, _ in chain if p.support >= SUPPORT]
        for p, role in chain:
            if role is DecisionRole.DECIDER and not p.owner:
                gaps.append(
                    CoverageGap(
                        GapKind.DECIDER_WITHOUT_OWNER,
                        p.person,
                        f"the decider of {scenario} has no relationship owner",
                        scenario,
                    )
                )
            if role is DecisionRole.DECIDER and not any(
                _rank(s.layer) >= _rank(p.layer) for s in supporters
            ):
                gaps.append(
                    CoverageGap(
                        GapKind.NO_SUPPORTER_AT_DECIDER_LEVEL,
                        p.person,
                        f"no supporter of ours at or above the {p.layer.value} layer of the "
                        f"decider of {scenario}",
                        scenario,
                    )
                )
            if role in KEY_ROLES and p.owner and p.person not in backed_up:
                gaps.append(
                    CoverageGap(
                        GapKind.KEY_ROLE_WITHOUT_BACKUP,
                        p.person,
                        f"the {role.value} of {scenario} has an owner but no backup owner",
                        scenario,
                    )
                )
        ours = max((_rank(p.layer) for p in supporters), default=-1)
        competitors = sorted({c for p, _ in chain for c in p.competitor_support})
        for competitor in competitors:
            theirs = [p for p, _ in chain if p.competitor_support.get(competitor, 0) >= SUPPORT]
            top = max((_rank(p.layer) for p in theirs), default=-1)
            if top > ours:
                gaps.append(
                    CoverageGap(
                        GapKind.COMPETITOR_SUPPORTER_ABOVE_OURS,
                        customer,
                        f"{competitor}'s highest supporter in {scenario} is at the "
                        f"{LAYER_ORDER[top].value} layer, ours "
                        + (f"at the {LAYER_ORDER[ours].value}" if ours >= 0 else "nowhere"),
                        scenario,
                        competitor,
                    )
                )
    return gaps


def coverage_gaps(
    customer: str,
    obligations: frozenset[str],
    persons: Sequence[PowerPerson],
    edges: Sequence[PowerEdge],
    goal: RelationshipGoal | None,
    backed_up: frozenset[str] = frozenset(),
) -> list[CoverageGap]:
    """What the power map lacks. An account whose tier obliges key relationships must not hang
    on one supporter; every account needs a coach; a decider needs someone supportive (their
    own support or a supporter who influences or manages them); the goal's exclusive CXOs must
    be there; a target's current level must reach the level planned for it."""
    gaps: list[CoverageGap] = []
    supporters = {p.person for p in persons if p.support >= SUPPORT}
    if KEY_RELATIONSHIP in obligations and len(supporters) < 2:
        gaps.append(
            CoverageGap(
                GapKind.SINGLE_THREADED,
                customer,
                f"{len(supporters)} supporter(s): the tier needs key relationships on more "
                "than one thread",
            )
        )
    if persons and not any(p.is_coach for p in persons):
        gaps.append(CoverageGap(GapKind.NO_COACH, customer, "no coach on the power map"))
    backed = {
        e.target
        for e in edges
        if e.kind in (EdgeKind.INFLUENCE, EdgeKind.REPORTING) and e.source in supporters
    }
    for p in persons:
        if p.role is DecisionRole.DECIDER and p.person not in supporters | backed:
            gaps.append(
                CoverageGap(
                    GapKind.DECIDER_UNSUPPORTED,
                    p.person,
                    f"decider at {p.support:+d} with no supportive relationship",
                )
            )
    if goal is not None:
        have = sum(1 for p in persons if p.layer is Layer.HIGH and p.support >= EXCLUSIVE)
        if have < goal.exclusive_cxos:
            gaps.append(
                CoverageGap(
                    GapKind.EXCLUSIVE_CXOS_SHORT,
                    customer,
                    f"goal needs {goal.exclusive_cxos} exclusive CXOs, have {have}",
                )
            )
    for p in persons:
        if p.target_level is not None and p.support < p.target_level:
            gaps.append(
                CoverageGap(
                    GapKind.OWNER_BELOW_TARGET,
                    p.person,
                    f"owner {p.owner or '(none)'} holds {p.support:+d}, target {p.target_level:+d}",
                )
            )
    return gaps + scenario_gaps(persons, backed_up, customer)


# ---------------------------------------------------------------------------------------------
# Tier obligations (decision 3): read from the tier policy, never from the tier code
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    """What "no weak spot" means per relationship type (decision 9; a pack's numbers)."""

    general_level: GeneralLevel = GeneralLevel.MEDIUM
    org_level: OrgLevel = OrgLevel.COOPERATION
    key_supporters: int = 2


@dataclass(frozen=True)
class ObligationStatus:
    code: str
    met: bool
    checked: bool  # False: the obligation is another service's (e.g. archive's CP/VP)
    reason: str


def tier_compliance(
    obligations: Sequence[str],
    state: CurrentState,
    persons: Sequence[PowerPerson],
    edges: Sequence[PowerEdge],
    thresholds: Thresholds,
) -> list[ObligationStatus]:
    supporters = sum(1 for p in persons if p.support >= SUPPORT)
    unsupported = [
        g
        for g in coverage_gaps("", frozenset(), persons, edges, None)
        if g.kind is GapKind.DECIDER_UNSUPPORTED
    ]
    result = []
    for code in obligations:
        if code == GENERAL_RELATIONSHIP:
            met = general_at_least(state.general_level, thresholds.general_level)
            reason = f"general level {state.general_level.value}, needs {thresholds.general_level}"
        elif code == ORGANISATIONAL_RELATIONSHIP:
            met = org_at_least(state.org_level, thresholds.org_level)
            reason = f"organisational level {state.org_level.value}, needs {thresholds.org_level}"
        elif code == KEY_RELATIONSHIP:
            met = supporters >= thresholds.key_supporters and not unsupported
            reason = (
                f"{supporters} supporter(s) of {thresholds.key_supporters} needed, "
                f"{len(unsupported)} decider(s) without support"
            )
        else:
            result.append(ObligationStatus(code, False, False, "not a planning obligation"))
            continue
        result.append(ObligationStatus(code, met, True, reason))
    return result


@dataclass(frozen=True)
class EdgeRecord:
    """An edge of a customer's power map, with its id."""

    id: str
    customer_id: str
    source: str
    target: str
    kind: str
    archive_record: str = ""  # the influence link or reporting line it follows; "" if drawn
    influence_kind: str = ""  # confidant or conflict, for an influence link


@dataclass(frozen=True)
class Department:
    """A department of the customer's organisation chart, as the archive records it."""

    customer_id: str
    department: str  # customers/{c}/departments/{d}
    display_name: str
    parent_department: str


@dataclass(frozen=True)
class OpenGap:
    """A coverage gap while it is open."""

    customer_id: str
    key: str
    id: str
    kind: str
    subject: str
    detail: str
    open_time: datetime
    scenario: str = ""


@dataclass(frozen=True)
class DecisionChain:
    """How a customer decides in one business scenario (book §1.19 step 1)."""

    id: str
    customer_id: str
    scenario: str
    nodes: Sequence[Mapping[str, object]]
    create_time: datetime


@dataclass(frozen=True)
class Handover:
    """A relationship that changed hands (decision 12)."""

    customer_id: str
    person: str
    from_employee: str
    to_employee: str
    reason: str
    handover_time: datetime


@dataclass(frozen=True)
class PowerMap:
    """A customer's power map with its open gaps."""

    persons: Sequence[PowerPerson]
    edges: Sequence[EdgeRecord]
    gaps: Sequence[OpenGap]
    departments: Sequence[Department] = ()
