"""Wiring of the contact service: `mcr-contact` (or `python -m mcr_contact`)."""

from __future__ import annotations

from pathlib import Path

from mcr.contact.v1 import contact_service_pb2, contact_service_pb2_grpc
from mcr_core.auth import VisibilityPolicy
from mcr_core.bus import Consumes
from mcr_core.service import Kernel, ServiceSpec, Wiring, run_service

from mcr_contact.api import ContactServicer
from mcr_contact.config import ContactSettings
from mcr_contact.events import ARCHIVE_CUSTOMERS, ARCHIVE_HANDOVERS, INSIGHT_TIERS
from mcr_contact.hooks import ContactHooks, plugin_host
from mcr_contact.satisfaction import SatisfactionClient
from mcr_contact.service import Contact

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def wire(kernel: Kernel) -> Wiring:
    settings = kernel.settings
    satisfaction = SatisfactionClient(
        settings.satisfaction_target, settings.satisfaction_timeout_seconds, settings
    )
    contact = Contact(kernel, ContactHooks(kernel.plugins), satisfaction)
    contact.register_timers()
    return Wiring(
        servicers=[
            (
                contact_service_pb2_grpc.add_ContactServiceServicer_to_server,
                ContactServicer(contact),
            )
        ],
        consumers=[
            kernel.subscribe(INSIGHT_TIERS, contact),
            kernel.subscribe(ARCHIVE_HANDOVERS, contact),
            kernel.subscribe(ARCHIVE_CUSTOMERS, contact),
        ],
    )


def visibility() -> VisibilityPolicy:
    """Decision 11: regions are isolated, and activities and cadences are seen by their owner,
    participants and the superiors of the owner's org unit (the default policy)."""
    return VisibilityPolicy()


SPEC = ServiceSpec(
    name="contact",
    migrations=MIGRATIONS,
    wire=wire,
    service_names=[contact_service_pb2.DESCRIPTOR.services_by_name["ContactService"].full_name],
    plugins=plugin_host,
    visibility=visibility,
    # Its bus grant: the durable consumers it reads insight's and the archive's events with.
    consumes=[
        Consumes("contact-insight-tiers", "insight"),
        Consumes("contact-archive-handovers", "archive"),
        Consumes("contact-archive-customers", "archive"),
    ],
)


def main() -> None:
    run_service(SPEC, ContactSettings())


if __name__ == "__main__":
    main()
