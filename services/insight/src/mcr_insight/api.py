"""Insight's gRPC service: one `InsightService`, each RPC served by its area's servicer."""

from __future__ import annotations

from mcr.insight.v1 import insight_service_pb2 as pb
from mcr.insight.v1 import insight_service_pb2_grpc as pb_grpc
from mcr_core.rpc.areas import serve_areas

SERVICE = pb.DESCRIPTOR.services_by_name["InsightService"]


class InsightServicer(pb_grpc.InsightServiceServicer):
    """Tiers, CLV, the strategic sandbox, monitoring, analyses and information products."""

    def __init__(self, *areas: object) -> None:
        serve_areas(self, SERVICE, *areas)
