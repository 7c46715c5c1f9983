"""Proto <-> domain for the power map, decision chains, tier compliance and handovers."""

from __future__ import annotations

from mcr.archive.v1 import person_pb2
from mcr.planning.v1 import planning_pb2 as pb
from mcr_core import names
from mcr_core.names import employee_name as employee
from mcr_core.names import optional_employee_id as optional_employee
from mcr_core.protobuf import parse_enum, timestamp

from mcr_planning.domain import DecisionRole, EdgeKind, Layer, PowerPerson
from mcr_planning.powermap.domain import (
    ArchivePerson,
    ChainNode,
    DecisionChain,
    DecisionPattern,
    Department,
    EdgeRecord,
    GapKind,
    Handover,
    ObligationStatus,
    OpenGap,
    PowerMap,
    missing_roles,
)

# --- the archive's vocabulary (one set of enums in the contract) ------------------------------

LAYER_FROM_ARCHIVE = {
    person_pb2.LAYER_SENIOR: Layer.HIGH,
    person_pb2.LAYER_MIDDLE: Layer.MIDDLE,
    person_pb2.LAYER_GRASSROOTS: Layer.LOW,
}
LAYER_TO_ARCHIVE = {layer: number for number, layer in LAYER_FROM_ARCHIVE.items()}
ROLE_FROM_ARCHIVE = {
    person_pb2.DecisionRoleKind.Value(f"DECISION_ROLE_KIND_{role.name}"): role
    for role in DecisionRole
}
ROLE_TO_ARCHIVE = {role: number for number, role in ROLE_FROM_ARCHIVE.items()}
INFLUENCE_KINDS = {
    person_pb2.INFLUENCE_KIND_CONFIDANT: "confidant",
    person_pb2.INFLUENCE_KIND_CONFLICT: "conflict",
}
INFLUENCE_KIND_TO_ARCHIVE = {kind: number for number, kind in INFLUENCE_KINDS.items()}


def person_from_archive(p: person_pb2.Person) -> ArchivePerson:
    """A person of the archive's events; a role the archive does not name is skipped."""
    roles = tuple(
        (r.scenario, ROLE_FROM_ARCHIVE[r.role])
        for r in p.decision_roles
        if r.role in ROLE_FROM_ARCHIVE
    )
    return ArchivePerson(
        person=p.name,
        title=p.title,
        decision_roles=roles,
        layer=LAYER_FROM_ARCHIVE.get(p.layer),
        veto=p.veto_holder,
        department=p.department,
        reports_to=p.reports_to,
        outside_org_chart=p.outside_org_chart,
        owner=optional_employee(p.owner, "person.owner"),
        departed=p.retired or bool(p.moved_to),
    )


def department_from_archive(d: person_pb2.Department) -> Department:
    customer_id, _ = names.parse(d.name, "customers/{}/departments/{}", "department.name")
    return Department(customer_id, d.name, d.display_name, d.parent_department)


def department_to_proto(d: Department) -> person_pb2.Department:
    return person_pb2.Department(
        name=d.department, display_name=d.display_name, parent_department=d.parent_department
    )


# --- power map -------------------------------------------------------------------------------

PERSON_FIELDS = {
    "display_name",
    "role",
    "layer",
    "support",
    "competitor_support",
    "coach",
    "veto",
    "owner",
    "target_level",
}


def person_to_proto(p: PowerPerson) -> pb.PowerMapPerson:
    return pb.PowerMapPerson(**_person_fields(p))


def _person_fields(p: PowerPerson) -> dict:
    return {
        "person": p.person,
        "display_name": p.display_name,
        "role": p.role.value,
        "layer": p.layer.value,
        "support": p.support,
        "competitor_support": p.competitor_support,
        "coach": p.coach,
        "veto": p.veto,
        "owner": employee(p.owner),
        "target_level": p.target_level or 0,
        "has_target_level": p.target_level is not None,
        "decision_roles": [
            person_pb2.DecisionRole(scenario=scenario, role=ROLE_TO_ARCHIVE[role])
            for scenario, role in p.decision_roles
        ],
        "customer_layer": (
            LAYER_TO_ARCHIVE[p.customer_layer] if p.customer_layer else person_pb2.LAYER_UNSPECIFIED
        ),
        "department": p.department,
        "reports_to": p.reports_to,
        "outside_org_chart": p.outside_org_chart,
    }


def person_from_proto(m: pb.PowerMapPerson, fields: set[str] | None) -> tuple[str, PowerPerson]:
    """The person of a request; with an update mask only the masked fields are read (the
    others keep the stored values)."""
    path = "power_map_person"
    customer_id, _ = names.person_ids(m.person, f"{path}.person")

    def read(field: str, kind, default):
        if fields is not None and field not in fields:
            return default
        return parse_enum(kind, getattr(m, field), f"{path}.{field}")

    person = PowerPerson(
        person=m.person,
        display_name=m.display_name,
        role=read("role", DecisionRole, DecisionRole.INFLUENCER),
        layer=read("layer", Layer, Layer.LOW),
        support=m.support,
        competitor_support=dict(m.competitor_support),
        coach=m.coach,
        veto=m.veto,
        owner=optional_employee(m.owner, f"{path}.owner"),
        target_level=m.target_level if m.target_level else None,
    )
    return customer_id, person


def power_map_to_proto(name: str, power_map: PowerMap) -> pb.PowerMap:
    """Built in place: a big map is thousands of messages, and copying each into the lists
    would cost as much again."""
    message = pb.PowerMap(
        name=name,
        gaps=[coverage_gap_to_proto(g) for g in power_map.gaps],
        departments=[department_to_proto(d) for d in power_map.departments],
    )
    add_person, add_edge = message.persons.add, message.edges.add
    for p in power_map.persons:
        add_person(**_person_fields(p))
    for e in power_map.edges:
        add_edge(**_edge_fields(e))
    return message


def edge_to_proto(row: EdgeRecord) -> pb.PowerMapEdge:
    return pb.PowerMapEdge(**_edge_fields(row))


def _edge_fields(e: EdgeRecord) -> dict:
    return {
        "name": f"customers/{e.customer_id}/powerMapEdges/{e.id}",
        "source": e.source,
        "target": e.target,
        "kind": e.kind,
        "archive_record": e.archive_record,
        "influence_kind": INFLUENCE_KIND_TO_ARCHIVE.get(e.influence_kind, 0),
    }


def coverage_gap_to_proto(row: OpenGap) -> pb.CoverageGap:
    return pb.CoverageGap(
        name=f"customers/{row.customer_id}/coverageGaps/{row.id}",
        kind=GapKind(row.kind).value,
        subject=row.subject,
        detail=row.detail,
        open_time=timestamp(row.open_time),
        scenario=row.scenario,
    )


def edge_kind(value: str) -> EdgeKind:
    return parse_enum(EdgeKind, value, "power_map_edge.kind")


def obligation_to_proto(status: ObligationStatus) -> pb.ObligationStatus:
    return pb.ObligationStatus(
        code=status.code, met=status.met, checked=status.checked, reason=status.reason
    )


def handover_to_proto(row: Handover) -> pb.Handover:
    return pb.Handover(
        person=row.person,
        from_employee=employee(row.from_employee),
        to_employee=employee(row.to_employee),
        reason=row.reason,
        handover_time=timestamp(row.handover_time),
    )


def chain_nodes_from_proto(nodes) -> list[ChainNode]:
    return [
        ChainNode(
            n.person,
            parse_enum(DecisionRole, n.role, f"decision_chain.nodes[{i}].role"),
            n.hidden,
        )
        for i, n in enumerate(nodes)
    ]


def chain_to_proto(row: DecisionChain, pattern: DecisionPattern | None) -> pb.DecisionChain:
    return pb.DecisionChain(
        name=f"customers/{row.customer_id}/decisionChains/{row.id}",
        scenario=row.scenario,
        nodes=[pb.DecisionChainNode(**node) for node in row.nodes],
        create_time=timestamp(row.create_time),
        missing_roles=missing_roles(pattern, row.nodes),
        expected_pattern=pattern.explanation if pattern else "",
    )
