"""Settings of the archive service (environment variables `MCR_*`)."""

from mcr_core.config import ServiceSettings


class ArchiveSettings(ServiceSettings):
    service_name: str = "archive"
    grpc_address: str = "127.0.0.1:50051"
    admin_address: str = "127.0.0.1:9101"
