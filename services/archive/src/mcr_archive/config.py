"""Settings of the archive service (environment variables `MCR_*`)."""

from typing import Literal

from mcr_core.config import ServiceSettings
from pydantic import Field


class ArchiveSettings(ServiceSettings):
    service_name: str = "archive"
    # Decision 10, per region: "not_stored" (the default: the API refuses sensitive personal
    # fields) or "encrypted" (stored sealed, every read audited). JSON in MCR_SENSITIVE_DATA,
    # for example {"cn-south": "encrypted"}.
    sensitive_data: dict[str, Literal["not_stored", "encrypted"]] = Field(default_factory=dict)
    grpc_address: str = "127.0.0.1:50051"
    admin_address: str = "127.0.0.1:9101"
