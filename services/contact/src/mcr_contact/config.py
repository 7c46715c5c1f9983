"""Settings of the contact service (environment variables `MCR_*`)."""

from mcr_core.config import ServiceSettings


class ContactSettings(ServiceSettings):
    service_name: str = "contact"
    grpc_address: str = "127.0.0.1:50054"
    admin_address: str = "127.0.0.1:9104"
    # Where satisfaction serves `SatisfactionService` (open issues before a visit).
    satisfaction_target: str = "127.0.0.1:50055"
    # How long a pre-visit briefing waits for satisfaction before it answers without issues.
    satisfaction_timeout_seconds: float = 3.0
