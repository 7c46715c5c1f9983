"""Visibility matrix (decision 11) for every profile read path: the owner and their superiors
see a customer's profiles; a peer, the lead of a sibling team and another region do not (and
are told "not found", as for the customer itself)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc
import pytest
from archive_people import HEAD, OWNER, PEER
from mcr.archive.v1 import profile_pb2 as ppb
from mcr.archive.v1 import profile_service_pb2 as pb
from mcr.archive.v1 import profile_service_pb2_grpc as pb_grpc
from test_profiles import cp, edit_cp, new_customer, section, vp
from test_visibility import VIEWERS, sees


@pytest.fixture
async def profiles(archive) -> AsyncIterator[pb_grpc.ProfileServiceStub]:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{archive.grpc_port}") as channel:
        yield pb_grpc.ProfileServiceStub(channel)


@pytest.fixture
async def profiled(stub, profiles, auth):
    """A customer of OWNER with a published customer profile (version 1)."""
    customer = await new_customer(stub, auth)
    name = f"{customer.name}/customerProfile"
    await edit_cp(profiles, auth, cp(customer, sections=[section("swot", strengths="quality")]))
    await profiles.SubmitProfile(pb.SubmitProfileRequest(name=name), metadata=auth(**OWNER))
    await profiles.ReviewProfile(
        pb.ReviewProfileRequest(name=name, verdict=ppb.REVIEW_VERDICT_APPROVED),
        metadata=auth(**HEAD),
    )
    return customer


READ_PATHS = {
    "GetCustomerProfile": lambda p, c, md: p.GetCustomerProfile(
        pb.GetCustomerProfileRequest(name=f"{c.name}/customerProfile"), metadata=md
    ),
    "GetVendorProfile": lambda p, c, md: p.GetVendorProfile(
        pb.GetVendorProfileRequest(name=f"{c.name}/vendorProfile"), metadata=md
    ),
    "ListProfileVersions": lambda p, c, md: p.ListProfileVersions(
        pb.ListProfileVersionsRequest(parent=f"{c.name}/customerProfile"), metadata=md
    ),
    "GetProfileVersion": lambda p, c, md: p.GetProfileVersion(
        pb.GetProfileVersionRequest(name=f"{c.name}/customerProfile/versions/1"), metadata=md
    ),
    "ListProfileReviews": lambda p, c, md: p.ListProfileReviews(
        pb.ListProfileReviewsRequest(parent=f"{c.name}/customerProfile"), metadata=md
    ),
    "ListProfileHistory": lambda p, c, md: p.ListProfileHistory(
        pb.ListProfileHistoryRequest(name=f"{c.name}/customerProfile"), metadata=md
    ),
    "GetProfileCompleteness": lambda p, c, md: p.GetProfileCompleteness(
        pb.GetProfileCompletenessRequest(name=f"{c.name}/profileCompleteness"), metadata=md
    ),
    "GetBusinessNetworkSchema": lambda p, c, md: p.GetBusinessNetworkSchema(
        pb.GetBusinessNetworkSchemaRequest(name=f"{c.name}/businessNetworkSchema"), metadata=md
    ),
}


@pytest.mark.parametrize("path", READ_PATHS)
async def test_profile_visibility_matrix(profiles, auth, profiled, path):
    seen = {
        viewer: await sees(READ_PATHS[path](profiles, profiled, auth(**claims)))
        for viewer, (claims, _) in VIEWERS.items()
    }
    assert seen == {viewer: expected for viewer, (_, expected) in VIEWERS.items()}


async def test_who_cannot_see_a_profile_cannot_change_it(profiles, auth, profiled):
    for claims in (PEER, VIEWERS["other region"][0]):
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await profiles.UpdateVendorProfile(
                pb.UpdateVendorProfileRequest(
                    vendor_profile=vp(profiled, locked_competitors=["Nokia"])
                ),
                metadata=auth(**claims),
            )
        assert error.value.code() == grpc.StatusCode.NOT_FOUND
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await profiles.SubmitProfile(
                pb.SubmitProfileRequest(name=f"{profiled.name}/vendorProfile"),
                metadata=auth(**claims),
            )
        assert error.value.code() == grpc.StatusCode.NOT_FOUND
