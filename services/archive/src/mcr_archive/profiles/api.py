"""The ProfileService servicer: proto in, use case, proto out. Nothing else."""

from __future__ import annotations

from datetime import UTC

from mcr.archive.v1 import archive_service_pb2 as apb
from mcr.archive.v1 import profile_pb2 as ppb
from mcr.archive.v1 import profile_service_pb2 as pb
from mcr.archive.v1 import profile_service_pb2_grpc as pb_grpc
from mcr_core.auth import current_principal

from mcr_archive.domain import parse_name
from mcr_archive.mapping import field_change_to_proto
from mcr_archive.profiles.domain import (
    CP,
    VP,
    parse_profile_name,
    parse_version_name,
    profile_name,
)
from mcr_archive.profiles.mapping import (
    VALUE_TYPE,
    VERDICT_FROM_PROTO,
    customer_profile_from_proto,
    customer_profile_to_proto,
    missing_to_proto,
    review_to_proto,
    vendor_profile_from_proto,
    vendor_profile_to_proto,
    version_to_proto,
)
from mcr_archive.profiles.service import Profiles


class ProfileServicer(pb_grpc.ProfileServiceServicer):
    def __init__(self, profiles: Profiles) -> None:
        self.profiles = profiles

    async def GetCustomerProfile(self, request: pb.GetCustomerProfileRequest, context):
        customer_id, _ = parse_profile_name(request.name, "name", CP)
        profile = await self.profiles.get(current_principal(), customer_id, CP)
        return customer_profile_to_proto(profile)

    async def UpdateCustomerProfile(self, request: pb.UpdateCustomerProfileRequest, context):
        proposed = customer_profile_from_proto(request.customer_profile)
        profile = await self.profiles.update(
            current_principal(),
            proposed,
            list(request.update_mask.paths),
            request.customer_profile.etag,
        )
        return customer_profile_to_proto(profile)

    async def GetVendorProfile(self, request: pb.GetVendorProfileRequest, context):
        customer_id, _ = parse_profile_name(request.name, "name", VP)
        profile = await self.profiles.get(current_principal(), customer_id, VP)
        return vendor_profile_to_proto(profile)

    async def UpdateVendorProfile(self, request: pb.UpdateVendorProfileRequest, context):
        proposed = vendor_profile_from_proto(request.vendor_profile)
        profile = await self.profiles.update(
            current_principal(),
            proposed,
            list(request.update_mask.paths),
            request.vendor_profile.etag,
        )
        return vendor_profile_to_proto(profile)

    async def SubmitProfile(self, request: pb.SubmitProfileRequest, context):
        customer_id, kind = parse_profile_name(request.name)
        review = await self.profiles.submit(current_principal(), customer_id, kind, request.etag)
        return review_to_proto(profile_name(customer_id, kind), review)

    async def ReviewProfile(self, request: pb.ReviewProfileRequest, context):
        customer_id, kind = parse_profile_name(request.name)
        comments = tuple((c.section, c.field, c.text) for c in request.comments)
        review = await self.profiles.review(
            current_principal(),
            customer_id,
            kind,
            request.etag,
            VERDICT_FROM_PROTO.get(request.verdict, ""),
            comments,
        )
        return review_to_proto(profile_name(customer_id, kind), review)

    async def ListProfileReviews(self, request: pb.ListProfileReviewsRequest, context):
        customer_id, kind = parse_profile_name(request.parent, "parent")
        reviews = await self.profiles.reviews(current_principal(), customer_id, kind)
        name = profile_name(customer_id, kind)
        return pb.ListProfileReviewsResponse(reviews=[review_to_proto(name, r) for r in reviews])

    async def ListProfileVersions(self, request: pb.ListProfileVersionsRequest, context):
        customer_id, kind = parse_profile_name(request.parent, "parent")
        versions, token = await self.profiles.versions(
            current_principal(), customer_id, kind, request.page_token, request.page_size
        )
        return pb.ListProfileVersionsResponse(
            versions=[version_to_proto(v) for v in versions], next_page_token=token
        )

    async def GetProfileVersion(self, request: pb.GetProfileVersionRequest, context):
        customer_id, kind, number = parse_version_name(request.name)
        version = await self.profiles.version(current_principal(), customer_id, kind, number)
        return version_to_proto(version)

    async def ListProfileHistory(self, request: pb.ListProfileHistoryRequest, context):
        customer_id, kind = parse_profile_name(request.name)
        as_of = request.as_of.ToDatetime(UTC) if request.HasField("as_of") else None
        changes, token, values = await self.profiles.history(
            current_principal(), customer_id, kind, as_of, request.page_token, request.page_size
        )
        return apb.ListFieldHistoryResponse(
            changes=[field_change_to_proto(c) for c in changes],
            next_page_token=token,
            values=values,
        )

    async def GetProfileCompleteness(self, request: pb.GetProfileCompletenessRequest, context):
        customer_id = parse_name(request.name, "customers/{}/profileCompleteness", "name")[0]
        state = await self.profiles.completeness(current_principal(), customer_id)
        return ppb.ProfileCompleteness(
            name=request.name,
            tier=state.tier,
            required=state.required,
            missing_sections=[missing_to_proto(kind, part) for kind, part in state.missing],
            customer_profile_version=state.versions[CP],
            vendor_profile_version=state.versions[VP],
        )

    async def GetBusinessNetworkSchema(self, request: pb.GetBusinessNetworkSchemaRequest, context):
        customer_id = parse_name(request.name, "customers/{}/businessNetworkSchema", "name")[0]
        industry, metrics = await self.profiles.schema(current_principal(), customer_id)
        return ppb.BusinessNetworkSchema(
            name=request.name,
            industry=industry,
            metrics=[
                ppb.NetworkMetricDefinition(
                    code=m.code,
                    display_name=m.display_name,
                    local_name=m.local_name,
                    value_type=VALUE_TYPE.get(m.value_type, 0),
                    unit=m.unit,
                    plugin=plugin,
                )
                for m, plugin in metrics
            ],
        )
