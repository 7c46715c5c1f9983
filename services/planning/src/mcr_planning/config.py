"""Settings of the planning service (environment variables `MCR_*`)."""

from mcr_core.config import ServiceSettings


class PlanningSettings(ServiceSettings):
    service_name: str = "planning"
    grpc_address: str = "127.0.0.1:50053"
    admin_address: str = "127.0.0.1:9103"
