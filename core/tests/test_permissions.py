"""Who may do what: every RPC of the contract declares a permission some role grants, the role
table merges a region's configuration and refuses a bad entry by name, and the interceptor
refuses before the handler runs (default deny for a method that declares nothing)."""

from __future__ import annotations

import json

import grpc
import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, empty_pb2
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc as pb_grpc
from mcr.archive.v1 import customer_pb2
from mcr_core.auth import (
    ACCOUNT_MANAGER,
    DEFAULT_ROLES,
    MANAGEMENT,
    MANAGER,
    MARKET_DEPARTMENT,
    RoleConfigurationError,
    RoleTable,
    method_permission,
    role_table_for,
)
from mcr_core.auth.permissions import PERMISSION, contract_methods, declared_permissions
from mcr_core.config import ServiceSettings
from mcr_core.rpc.server import GrpcServer
from mcr_core.testing import AuthKeys

METHODS = sorted(contract_methods())
TABLE = RoleTable.default()


def test_the_contract_has_methods_of_every_service():
    services = {method.split("/")[1] for method in METHODS}
    assert {s.split(".")[1] for s in services} == {
        "archive",
        "contact",
        "insight",
        "planning",
        "satisfaction",
    }
    assert len(METHODS) >= 150


@pytest.mark.parametrize("method", METHODS)
def test_every_method_declares_a_permission_a_role_grants(method):
    """Default deny: a new RPC without `option (mcr.common.v1.permission)` fails here, and so
    does one whose permission no role but management's catch-all grants."""
    permission = method_permission(method)
    assert permission, f"{method} declares no permission"
    assert PERMISSION.match(permission), f"{method}: {permission} is not <service>.<coll>.<verb>"
    assert permission.split(".")[0] == method.split(".")[1], f"{method}: {permission}"
    granting = [r for r in TABLE.roles_granting(permission) if r != MANAGEMENT]
    assert granting, f"{method}: no role grants {permission}"


def test_the_book_roles_split_the_work():
    """Decision 5 and 11: manual tiers and tier configurations are the market department's and
    management's, not every account manager's; reads are everyone's."""
    assert TABLE.grants(frozenset(), "archive.customers.get")
    assert not TABLE.grants(frozenset(), "archive.customers.update")
    assert TABLE.grants(frozenset({ACCOUNT_MANAGER}), "archive.customers.update")
    for permission in (
        "insight.manualTiers.set",
        "insight.tierConfigurations.apply",
        "insight.portfolio.rescore",
    ):
        assert not TABLE.grants(frozenset({ACCOUNT_MANAGER, MANAGER}), permission)
        assert TABLE.grants(frozenset({MARKET_DEPARTMENT}), permission)
        assert TABLE.grants(frozenset({MANAGEMENT}), permission)
    assert TABLE.grants(frozenset({MANAGER}), "planning.annualPlans.start")
    assert not TABLE.grants(frozenset({ACCOUNT_MANAGER}), "planning.annualPlans.start")
    assert not TABLE.grants(frozenset({"unknown_role"}), "archive.customers.update")
    assert all(r.name == r.name.lower() and "-" not in r.name for r in DEFAULT_ROLES)


def test_a_region_extends_the_table(tmp_path):
    file = tmp_path / "roles.json"
    file.write_text(json.dumps({"key_account_office": ["insight.manualTiers.*"]}))
    table = role_table_for({"qa": ["archive.customers.update"]}, file)
    assert table.grants(frozenset({"key_account_office"}), "insight.manualTiers.clear")
    assert table.grants(frozenset({"qa"}), "archive.customers.update")
    assert table.grants(frozenset({"qa"}), "satisfaction.qaTracebacks.create")  # kept


@pytest.mark.parametrize(
    ("roles", "entry"),
    [
        ({"Key-Office": ["archive.customers.get"]}, "roles.Key-Office"),
        ({"office": "archive.customers.get"}, "roles.office"),
        ({"office": ["archive.customers"]}, "roles.office[0]"),
        ({"office": ["archive.costumers.get"]}, "roles.office[0]"),  # a typo matches nothing
        ({"office": ["archive.customers.get", 7]}, "roles.office[1]"),
    ],
)
def test_a_bad_entry_is_refused_by_name(roles, entry):
    with pytest.raises(RoleConfigurationError) as error:
        RoleTable.merged(roles, declared_permissions())
    assert str(error.value).startswith(f"{entry}:")


def test_a_bad_roles_file_is_refused(tmp_path):
    file = tmp_path / "roles.json"
    file.write_text("{not json")
    with pytest.raises(RoleConfigurationError, match="roles_file"):
        role_table_for({}, file)
    settings = ServiceSettings(roles={"office": ["*.*.nothing"]}, data_dir=tmp_path)
    with pytest.raises(RoleConfigurationError, match=r"roles.office\[0\]"):
        role_table_for(settings.roles, settings.roles_file)


class Archive(pb_grpc.ArchiveServiceServicer):
    """Answers two methods; the interceptor must refuse before either runs when it should."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    async def GetCustomer(self, request, context):
        self.calls.append("GetCustomer")
        return customer_pb2.Customer(name=request.name)

    async def DeleteCustomer(self, request, context):
        self.calls.append("DeleteCustomer")
        return empty_pb2.Empty()


async def test_the_interceptor_refuses_before_the_handler(auth_keys: AuthKeys, grpc_serve):
    servicer = Archive()
    registrations = [(pb_grpc.add_ArchiveServiceServicer_to_server, servicer)]
    async with grpc_serve(registrations, ["mcr.archive.v1.ArchiveService"], auth_keys.verifier) as (
        channel
    ):
        stub = pb_grpc.ArchiveServiceStub(channel)
        reader = auth_keys.metadata(roles=())
        got = await stub.GetCustomer(pb.GetCustomerRequest(name="customers/c1"), metadata=reader)
        assert got.name == "customers/c1"
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await stub.DeleteCustomer(
                pb.DeleteCustomerRequest(name="customers/c1"), metadata=reader
            )
        assert error.value.code() == grpc.StatusCode.PERMISSION_DENIED
        assert error.value.details() == "permission archive.customers.delete is needed"
        await stub.DeleteCustomer(
            pb.DeleteCustomerRequest(name="customers/c1"),
            metadata=auth_keys.metadata(roles=(ACCOUNT_MANAGER,)),
        )
    assert servicer.calls == ["GetCustomer", "DeleteCustomer"]


def _undeclared_service() -> str:
    """A service whose one method declares no permission, added to the descriptor pool."""
    file = descriptor_pb2.FileDescriptorProto(
        name="test/undeclared.proto", package="test.undeclared", dependency=[]
    )
    file.dependency.append("google/protobuf/empty.proto")
    service = file.service.add(name="Undeclared")
    service.method.add(
        name="Do", input_type=".google.protobuf.Empty", output_type=".google.protobuf.Empty"
    )
    pool = descriptor_pool.Default()
    try:
        pool.FindServiceByName("test.undeclared.Undeclared")
    except KeyError:
        pool.Add(file)
    return "/test.undeclared.Undeclared/Do"


async def test_a_method_without_a_declaration_is_refused_to_everyone(auth_keys: AuthKeys):
    method = _undeclared_service()
    assert method_permission(method) is None
    ran = []

    async def do(request, context):
        ran.append(request)
        return empty_pb2.Empty()

    handler = grpc.method_handlers_generic_handler(
        "test.undeclared.Undeclared",
        {
            "Do": grpc.unary_unary_rpc_method_handler(
                do,
                request_deserializer=empty_pb2.Empty.FromString,
                response_serializer=empty_pb2.Empty.SerializeToString,
            )
        },
    )
    server = GrpcServer("127.0.0.1:0", [], [], auth_keys.verifier)
    server.server.add_generic_rpc_handlers((handler,))
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            call = channel.unary_unary(
                method,
                request_serializer=empty_pb2.Empty.SerializeToString,
                response_deserializer=empty_pb2.Empty.FromString,
            )
            with pytest.raises(grpc.aio.AioRpcError) as error:
                await call(empty_pb2.Empty(), metadata=auth_keys.metadata(roles=(MANAGEMENT,)))
    finally:
        await server.stop(0.5)
    assert error.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert "declares no permission" in error.value.details()
    assert ran == []
