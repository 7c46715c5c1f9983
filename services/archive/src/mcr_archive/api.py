"""The archive's gRPC servicer: proto in, use case, proto out. Nothing else."""

from __future__ import annotations

from google.protobuf.empty_pb2 import Empty
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc as pb_grpc
from mcr_core.auth import current_principal
from mcr_core.errors import InvalidArgument

from mcr_archive.domain import LifecycleState, customer_id_from_name
from mcr_archive.mapping import customer_from_proto, customer_to_proto
from mcr_archive.service import CustomerArchive


class ArchiveServicer(pb_grpc.ArchiveServiceServicer):
    def __init__(self, archive: CustomerArchive) -> None:
        self.archive = archive

    async def GetCustomer(self, request: pb.GetCustomerRequest, context):
        customer_id = customer_id_from_name(request.name)
        return customer_to_proto(await self.archive.get(current_principal(), customer_id))

    async def ListCustomers(self, request: pb.ListCustomersRequest, context):
        customers, token = await self.archive.list(
            current_principal(), request.filter, request.page_token, request.page_size
        )
        return pb.ListCustomersResponse(
            customers=[customer_to_proto(c) for c in customers], next_page_token=token
        )

    async def CreateCustomer(self, request: pb.CreateCustomerRequest, context):
        if not request.HasField("customer"):
            raise InvalidArgument.field("customer", "is required")
        principal = current_principal()
        draft = customer_from_proto(
            request.customer,
            customer_id="",
            region=request.customer.region or principal.region,
            default_state=LifecycleState.PROSPECT,
        )
        created = await self.archive.create(principal, draft, request.request_id)
        return customer_to_proto(created)

    async def UpdateCustomer(self, request: pb.UpdateCustomerRequest, context):
        if not request.HasField("customer"):
            raise InvalidArgument.field("customer", "is required")
        customer_id = customer_id_from_name(request.customer.name, "customer.name")
        mask = list(request.update_mask.paths)
        proposed = customer_from_proto(
            request.customer,
            customer_id=customer_id,
            region="",
            # An unset state is an error only where the update writes it; elsewhere the
            # placeholder is never copied.
            default_state=None
            if "lifecycle_state" in mask or not mask
            else LifecycleState.PROSPECT,
        )
        updated = await self.archive.update(
            current_principal(), proposed, mask, request.customer.etag
        )
        return customer_to_proto(updated)

    async def DeleteCustomer(self, request: pb.DeleteCustomerRequest, context):
        customer_id = customer_id_from_name(request.name)
        await self.archive.delete(current_principal(), customer_id, request.etag)
        return Empty()
