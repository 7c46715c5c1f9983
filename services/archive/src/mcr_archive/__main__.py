"""Wiring of the archive service: `mcr-archive` (or `python -m mcr_archive`)."""

from __future__ import annotations

from pathlib import Path

from mcr.archive.v1 import archive_service_pb2, archive_service_pb2_grpc
from mcr_core.plugins import PluginHost
from mcr_core.service import Kernel, ServiceSpec, run_service

from mcr_archive.api import ArchiveServicer
from mcr_archive.config import ArchiveSettings
from mcr_archive.hooks import ArchiveHooks, plugin_host
from mcr_archive.service import (
    CustomerArchive,
    EmployeeDirectory,
    History,
    OrgChart,
    PersonArchive,
)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def servicers(kernel: Kernel, plugins: PluginHost | None):
    servicer = ArchiveServicer(
        CustomerArchive(kernel, ArchiveHooks(plugins)),
        EmployeeDirectory(kernel),
        OrgChart(kernel),
        PersonArchive(kernel),
        History(kernel),
    )
    return [(archive_service_pb2_grpc.add_ArchiveServiceServicer_to_server, servicer)]


SPEC = ServiceSpec(
    name="archive",
    migrations=MIGRATIONS,
    servicers=servicers,
    service_names=[archive_service_pb2.DESCRIPTOR.services_by_name["ArchiveService"].full_name],
    plugins=plugin_host,
)


def main() -> None:
    run_service(SPEC, ArchiveSettings())


if __name__ == "__main__":
    main()
