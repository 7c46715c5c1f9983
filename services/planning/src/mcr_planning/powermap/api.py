"""The powermap part of PlanningService: proto in, use case, proto out."""

from __future__ import annotations

from google.protobuf.empty_pb2 import Empty
from mcr.planning.v1 import planning_service_pb2 as pb
from mcr_core import names
from mcr_core.auth import current_principal
from mcr_core.errors import InvalidArgument

from mcr_planning.domain import PowerEdge
from mcr_planning.powermap.mapping import (
    PERSON_FIELDS,
    chain_nodes_from_proto,
    chain_to_proto,
    edge_kind,
    edge_to_proto,
    handover_to_proto,
    obligation_to_proto,
    person_from_proto,
    person_to_proto,
    power_map_to_proto,
)
from mcr_planning.powermap.service import DecisionChains, Handovers, PowerMaps


class PowerMapServicer:
    """The power map, decision chains and handovers."""

    def __init__(self, power_maps: PowerMaps, chains: DecisionChains, handovers: Handovers) -> None:
        self.power_maps = power_maps
        self.chains = chains
        self.handovers = handovers

    async def GetPowerMap(self, request, context):
        (customer_id,) = names.parse(request.name, "customers/{}/powerMap", "name")
        found = await self.power_maps.power_map(current_principal(), customer_id)
        return power_map_to_proto(request.name, found)

    async def UpdatePowerMapPerson(self, request, context):
        given = request.power_map_person
        fields = _mask(request.update_mask, PERSON_FIELDS, "power_map_person")
        if fields is None:  # every field, but the deprecated role and layer only when sent
            fields = PERSON_FIELDS - {f for f in ("role", "layer") if not getattr(given, f)}
        customer_id, person = person_from_proto(given, fields)
        saved = await self.power_maps.update_person(
            current_principal(), customer_id, person, fields
        )
        return person_to_proto(saved)

    async def DeletePowerMapPerson(self, request, context):
        customer_id, _ = names.person_ids(request.person, "person")
        await self.power_maps.delete_person(current_principal(), customer_id, request.person)
        return Empty()

    async def CreatePowerMapEdge(self, request, context):
        customer_id = names.customer_id(request.parent, "parent")
        e = request.power_map_edge
        for path, value in (("source", e.source), ("target", e.target)):
            owner, _ = names.person_ids(value, f"power_map_edge.{path}")
            if owner != customer_id:
                raise InvalidArgument.field(f"power_map_edge.{path}", "a person of this customer")
        edge = PowerEdge(e.source, e.target, edge_kind(e.kind))
        row = await self.power_maps.create_edge(current_principal(), customer_id, edge)
        return edge_to_proto(row)

    async def DeletePowerMapEdge(self, request, context):
        customer_id, edge_id = names.parse(request.name, "customers/{}/powerMapEdges/{}", "name")
        await self.power_maps.delete_edge(current_principal(), customer_id, edge_id)
        return Empty()

    async def CreateDecisionChain(self, request, context):
        customer_id = names.customer_id(request.parent, "parent")
        chain = request.decision_chain
        row = await self.chains.create_chain(
            current_principal(),
            customer_id,
            chain.scenario,
            chain_nodes_from_proto(chain.nodes),
        )
        return chain_to_proto(row, await self.chains.decision_pattern(customer_id))

    async def ListDecisionChains(self, request, context):
        customer_id = names.customer_id(request.parent, "parent")
        rows = await self.chains.chains(current_principal(), customer_id)
        pattern = await self.chains.decision_pattern(customer_id)
        return pb.ListDecisionChainsResponse(
            decision_chains=[chain_to_proto(r, pattern) for r in rows]
        )

    async def ListHandovers(self, request, context):
        customer_id = names.customer_id(request.parent, "parent")
        rows = await self.handovers.handovers(current_principal(), customer_id)
        return pb.ListHandoversResponse(handovers=[handover_to_proto(r) for r in rows])

    async def GetTierCompliance(self, request, context):
        customer_id = names.customer_id(request.customer, "customer")
        tier, statuses = await self.power_maps.compliance(current_principal(), customer_id)
        checked = [s for s in statuses if s.checked]
        return pb.GetTierComplianceResponse(
            tier=tier,
            obligations=[obligation_to_proto(s) for s in statuses],
            compliant=all(s.met for s in checked),
        )


def _mask(update_mask, allowed: set[str], prefix: str) -> set[str] | None:
    paths = set(update_mask.paths) - {"*"}
    unknown = paths - allowed
    if unknown:
        raise InvalidArgument.field("update_mask", f"{prefix} has no field {sorted(unknown)[0]}")
    return paths or None
