"""What the authorization matrices over gRPC (`test_authorization_matrix.py`) and REST
(`test_rest_authorization_matrix.py`) share: the callers, the demo owner's record ids as the
owner finds them, and the platform of `mcr up --demo` as processes on SQLite or PostgreSQL."""

from __future__ import annotations

import grpc
import pytest
from mcr.archive.v1 import archive_service_pb2 as archive
from mcr.contact.v1 import contact_service_pb2 as contact
from mcr.planning.v1 import planning_service_pb2 as planning
from mcr.satisfaction.v1 import satisfaction_service_pb2 as satisfaction
from mcr_core.testing.kit import temporary_postgres_database
from platform_kit import SERVICES, Platform, run

OWNER = dict(employee_id="e-1001", region="cn-south", org_unit="/cn-south/enterprise/team-1")
CALLERS: dict[str, dict | None] = {
    "owner": OWNER | {"roles": ("account_manager",)},
    "same-unit peer": OWNER | {"employee_id": "e-1003", "roles": ("account_manager",)},
    "sibling-unit peer": dict(
        employee_id="e-1002",
        region="cn-south",
        org_unit="/cn-south/enterprise/team-2",
        roles=("account_manager",),
    ),
    "manager": dict(
        employee_id="e-1000",
        region="cn-south",
        org_unit="/cn-south/enterprise",
        roles=("account_manager", "manager"),
    ),
    # Every role of its region: only the region can stop it.
    "other region": dict(
        employee_id="e-2001",
        region="eu-west",
        org_unit="/eu-west/enterprise",
        roles=("account_manager", "manager", "market_department", "management", "qa", "hr"),
    ),
    "no token": None,
    "owner without the role": OWNER | {"roles": ()},
}
PEERS = ("same-unit peer", "sibling-unit peer")
# Who sees the owner's records (decision 11).
SEES = {"owner", "manager"}
# The placeholders that name the owner's records (not shared vocabulary like a tier's name).
RECORD_IDS = (
    "customer_id",
    "person_id",
    "individual_id",
    "department_id",
    "issue_id",
    "activity_id",
    "card_id",
)


def tokens(platform: Platform) -> dict[str, str | None]:
    """Each caller's bearer token (None: no token)."""
    return {
        who: platform.keys.token(**claims) if claims else None for who, claims in CALLERS.items()
    }


# ---------------------------------------------------------------------------------------------
# The owner's records
# ---------------------------------------------------------------------------------------------


async def owners_ids(channel_for, metadata) -> dict[str, str]:
    """Ids of the demo owner's records: a customer with persons, a person, an issue, an
    activity, an expansion card... found as the owner finds them."""
    from mcr.archive.v1 import archive_service_pb2_grpc
    from mcr.contact.v1 import contact_service_pb2_grpc
    from mcr.planning.v1 import planning_service_pb2_grpc
    from mcr.satisfaction.v1 import satisfaction_service_pb2_grpc

    stub = archive_service_pb2_grpc.ArchiveServiceStub(channel_for("archive"))
    customers = (
        await stub.ListCustomers(archive.ListCustomersRequest(), metadata=metadata)
    ).customers
    ids: dict[str, str] = {"employee_id": OWNER["employee_id"], "year": "2026", "tier": "S"}
    for customer in customers:
        persons = await stub.ListPersons(
            archive.ListPersonsRequest(parent=customer.name), metadata=metadata
        )
        if persons.persons:
            ids["customer_id"] = customer.name.split("/")[1]
            ids["person_id"] = persons.persons[0].name.split("/")[-1]
            if persons.persons[0].individual:
                ids["individual_id"] = persons.persons[0].individual.split("/")[-1]
            break
    departments = await stub.ListDepartments(
        archive.ListDepartmentsRequest(parent=f"customers/{ids['customer_id']}"), metadata=metadata
    )
    if departments.departments:
        ids["department_id"] = departments.departments[0].name.split("/")[-1]
    issues = await satisfaction_service_pb2_grpc.SatisfactionServiceStub(
        channel_for("satisfaction")
    ).ListIssues(satisfaction.ListIssuesRequest(parent="customers/-"), metadata=metadata)
    if issues.issues:
        ids["issue_id"] = issues.issues[0].name.split("/")[-1]
    activities = await contact_service_pb2_grpc.ContactServiceStub(
        channel_for("contact")
    ).ListActivities(contact.ListActivitiesRequest(), metadata=metadata)
    if activities.activities:
        ids["activity_id"] = activities.activities[0].name.split("/")[-1]
    cards = await planning_service_pb2_grpc.PlanningServiceStub(
        channel_for("planning")
    ).ListExpansionCards(planning.ListExpansionCardsRequest(), metadata=metadata)
    if cards.expansion_cards:
        ids["card_id"] = cards.expansion_cards[0].name.split("/")[-1]
    return ids


def owner_ids_of(platform: Platform) -> dict[str, str]:
    """`owners_ids` over the platform's gRPC ports, with the owner's token."""

    async def go() -> dict[str, str]:
        channels = {
            name: grpc.aio.insecure_channel(f"127.0.0.1:{p.grpc_port}")
            for name, p in platform.services.items()
        }
        metadata = (("authorization", f"Bearer {tokens(platform)['owner']}"),)
        try:
            return await owners_ids(channels.__getitem__, metadata)
        finally:
            for channel in channels.values():
                await channel.close()

    return run(go())


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def matrix_platform(request, nats_url, tmp_path_factory):
    databases = []
    platform = Platform(tmp_path_factory.mktemp(f"matrix-{request.param}"), nats_url)
    if request.param == "postgresql":
        if not request.getfixturevalue("postgres_available"):
            pytest.skip("no PostgreSQL")
        for name in SERVICES:
            database = temporary_postgres_database()
            databases.append(database)
            platform.service_env[name] = {"MCR_DATABASE_URL": database.__enter__()}
    try:
        yield platform.start()
    finally:
        platform.stop()
        for database in databases:
            database.__exit__(None, None, None)
