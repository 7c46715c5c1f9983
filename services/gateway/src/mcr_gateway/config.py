"""Settings of the gateway (environment variables `MCR_*`)."""

from mcr_core.config import ServiceSettings
from pydantic import Field


class GatewaySettings(ServiceSettings):
    service_name: str = "gateway"
    http_address: str = "127.0.0.1:8080"
    archive_target: str = "127.0.0.1:50051"
    insight_target: str = "127.0.0.1:50052"
    planning_target: str = "127.0.0.1:50053"
    contact_target: str = "127.0.0.1:50054"
    satisfaction_target: str = "127.0.0.1:50055"
    # The deadline of each gRPC call the gateway makes on behalf of a REST request.
    upstream_deadline_seconds: float = Field(default=10.0, gt=0)
