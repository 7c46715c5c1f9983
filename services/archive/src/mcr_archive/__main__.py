"""Wiring of the archive service: `mcr-archive` (or `python -m mcr_archive`)."""

from __future__ import annotations

from pathlib import Path

from mcr.archive.v1 import (
    archive_service_pb2,
    archive_service_pb2_grpc,
    profile_service_pb2,
    profile_service_pb2_grpc,
)
from mcr_core.bus import Consumes
from mcr_core.crypto import sealer_for
from mcr_core.service import Kernel, ServiceSpec, Wiring, run_service

from mcr_archive.api import ArchiveServicer
from mcr_archive.bulk import Exports, Imports
from mcr_archive.config import ArchiveSettings
from mcr_archive.domain import ENCRYPTED
from mcr_archive.events import tier_consumer
from mcr_archive.hooks import ArchiveHooks, plugin_host
from mcr_archive.profiles.api import ProfileServicer
from mcr_archive.profiles.events import obligations_consumer
from mcr_archive.profiles.service import Profiles
from mcr_archive.service import (
    AccountTeams,
    CustomerArchive,
    EmployeeDirectory,
    History,
    InfluenceNetwork,
    OrgChart,
    PersonArchive,
    PersonMoves,
    Postcards,
    Search,
)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def sealer(settings: ArchiveSettings):
    """The data key, needed only where some region's policy stores sensitive data sealed."""
    return sealer_for(settings, needed=ENCRYPTED in settings.sensitive_data.values())


def wire(kernel: Kernel) -> Wiring:
    hooks = ArchiveHooks(kernel.plugins)
    profiles = Profiles(kernel, hooks)
    employees = EmployeeDirectory(kernel)
    servicer = ArchiveServicer(
        CustomerArchive(kernel, hooks),
        employees,
        OrgChart(kernel),
        PersonArchive(kernel),
        History(kernel),
        Postcards(kernel, kernel.settings.sensitive_data, sealer(kernel.settings)),
        AccountTeams(kernel),
        InfluenceNetwork(kernel),
        PersonMoves(kernel),
        Search(kernel),
        Imports(kernel, hooks),
        Exports(kernel),
    )
    return Wiring(
        servicers=[
            (archive_service_pb2_grpc.add_ArchiveServiceServicer_to_server, servicer),
            (
                profile_service_pb2_grpc.add_ProfileServiceServicer_to_server,
                ProfileServicer(profiles),
            ),
        ],
        consumers=[tier_consumer(kernel), obligations_consumer(kernel, profiles.on_insight_event)],
        on_principal=employees.know,
    )


SPEC = ServiceSpec(
    name="archive",
    migrations=MIGRATIONS,
    wire=wire,
    service_names=[
        archive_service_pb2.DESCRIPTOR.services_by_name["ArchiveService"].full_name,
        profile_service_pb2.DESCRIPTOR.services_by_name["ProfileService"].full_name,
    ],
    plugins=plugin_host,
    # Its bus grant: the durable consumers it reads insight's events with.
    consumes=[
        Consumes("archive-tiers", "insight"),
        Consumes("archive-profile-obligations", "insight"),
    ],
)


def main() -> None:
    run_service(SPEC, ArchiveSettings())


if __name__ == "__main__":
    main()
