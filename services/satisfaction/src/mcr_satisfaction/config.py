"""Settings of the satisfaction service (environment variables `MCR_*`)."""

from mcr_core.config import ServiceSettings
from pydantic import Field


class SatisfactionSettings(ServiceSettings):
    service_name: str = "satisfaction"
    grpc_address: str = "127.0.0.1:50055"
    admin_address: str = "127.0.0.1:9105"
    # A key person whose issue was closed is surveyed again within this many days (or the
    # tier's survey interval, when that is shorter).
    resurvey_days: int = Field(default=14, ge=1, le=366)
