"""Our employees in the archive: known from any authenticated call, their records seen by
themselves and their superiors only (decision 11), changed by a superior, and numbers in
resource names kept within what the store holds."""

from __future__ import annotations

import grpc
import pytest
from archive_people import HEAD, OTHER_REGION, OWNER, PEER, TEAM_LEAD
from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import employee_pb2, profile_service_pb2_grpc
from mcr.archive.v1 import profile_service_pb2 as ppb

HR = {"employee_id": "e-0800", "org_unit": "/cn-south/hr", "roles": ("hr",)}


async def code_of(call) -> grpc.StatusCode:
    try:
        await call
    except grpc.aio.AioRpcError as error:
        return error.code()
    return grpc.StatusCode.OK


async def listed(stub, claims) -> list[str]:
    page = await stub.ListEmployees(pb.ListEmployeesRequest(), metadata=claims)
    return [e.name for e in page.employees]


async def test_an_employee_is_known_from_a_first_read(stub, auth):
    """Before: only a write recorded the caller, so a colleague who had only read could not
    be put on an account team."""
    for who in (OWNER, PEER, TEAM_LEAD):
        await stub.ListCustomers(pb.ListCustomersRequest(), metadata=auth(**who))
    assert await listed(stub, auth(**TEAM_LEAD)) == [
        "employees/e-1000",
        "employees/e-1001",
        "employees/e-1002",
    ]
    # Known once: the position the token gives is the one recorded.
    found = await stub.GetEmployee(
        pb.GetEmployeeRequest(name="employees/e-1002"), metadata=auth(**TEAM_LEAD)
    )
    assert (found.region, found.org_unit) == ("cn-south", PEER["org_unit"])


async def test_employee_records_are_the_employees_and_their_superiors(stub, auth):
    """Decision 11. Before: a peer read another's record (org unit, job grade)."""
    for who in (OWNER, PEER, TEAM_LEAD, HEAD, OTHER_REGION, HR):
        await stub.ListCustomers(pb.ListCustomersRequest(), metadata=auth(**who))
    owner = pb.GetEmployeeRequest(name="employees/e-1001")
    expected = {
        "self": (OWNER, grpc.StatusCode.OK),
        "peer": (PEER, grpc.StatusCode.NOT_FOUND),
        "team lead": (TEAM_LEAD, grpc.StatusCode.OK),
        "head of the unit above": (HEAD, grpc.StatusCode.OK),
        "other region": (OTHER_REGION, grpc.StatusCode.NOT_FOUND),
        "hr": (HR, grpc.StatusCode.OK),
    }
    answers = {
        who: await code_of(stub.GetEmployee(owner, metadata=auth(**claims)))
        for who, (claims, _) in expected.items()
    }
    assert answers == {who: code for who, (_, code) in expected.items()}
    assert await listed(stub, auth(**PEER)) == ["employees/e-1002"]
    assert "employees/e-1001" in await listed(stub, auth(**HEAD))
    assert await listed(stub, auth(**OTHER_REGION)) == ["employees/e-2001"]


async def test_a_superior_updates_an_employee(stub, auth):
    """Before: `domain.apply_update` bumped a `revision` the employee does not have, so a
    manager's update (REST `PATCH /v1/employees/{id}`) failed with INTERNAL."""
    await stub.ListCustomers(pb.ListCustomersRequest(), metadata=auth(**OWNER))
    change = pb.UpdateEmployeeRequest(
        employee=employee_pb2.Employee(name="employees/e-1001", display_name="张三", job_grade=17),
        update_mask=FieldMask(paths=["display_name", "job_grade"]),
    )
    updated = await stub.UpdateEmployee(change, metadata=auth(**TEAM_LEAD))
    assert (updated.display_name, updated.job_grade) == ("张三", 17)
    # The employee sees their record but does not set their own grade; a peer sees nothing.
    assert await code_of(stub.UpdateEmployee(change, metadata=auth(**OWNER))) == (
        grpc.StatusCode.PERMISSION_DENIED
    )
    assert await code_of(stub.UpdateEmployee(change, metadata=auth(**PEER))) == (
        grpc.StatusCode.PERMISSION_DENIED  # no permission archive.employees.update at all
    )


@pytest.mark.parametrize(
    "version", [str(2**63), str(2**31), "0", "-1", "1.5", "²", "9" * 40], ids=repr
)
async def test_a_profile_version_out_of_range_is_invalid(archive, auth, version):
    """Before: a version of 2^63 reached the database and answered INTERNAL."""
    async with grpc.aio.insecure_channel(f"127.0.0.1:{archive.grpc_port}") as channel:
        profiles = profile_service_pb2_grpc.ProfileServiceStub(channel)
        request = ppb.GetProfileVersionRequest(
            name=f"customers/c1/customerProfile/versions/{version}"
        )
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await profiles.GetProfileVersion(request, metadata=auth())
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "name" in error.value.details()
