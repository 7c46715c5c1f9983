"""Settings of the insight service (environment variables `MCR_*`)."""

from mcr_core.config import ServiceSettings
from pydantic import Field


class InsightSettings(ServiceSettings):
    service_name: str = "insight"
    grpc_address: str = "127.0.0.1:50052"
    admin_address: str = "127.0.0.1:9102"
    # Customers scored together in a batch: a hanging plugin costs one timeout per chunk, and
    # one write transaction stores the chunk.
    scoring_chunk_size: int = Field(default=200, ge=1, le=10_000)
