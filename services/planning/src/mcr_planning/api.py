"""Planning's gRPC service: one `PlanningService`, each RPC served by its area's servicer."""

from __future__ import annotations

from mcr.planning.v1 import planning_service_pb2 as pb
from mcr.planning.v1 import planning_service_pb2_grpc as pb_grpc
from mcr_core.rpc.areas import serve_areas

SERVICE = pb.DESCRIPTOR.services_by_name["PlanningService"]


class PlanningServicer(pb_grpc.PlanningServiceServicer):
    """Teams and the annual cycle, goals, assessments, the power map, key persons, cards,
    projects and brand, relationship plans and competitors."""

    def __init__(self, *areas: object) -> None:
        serve_areas(self, SERVICE, *areas)
