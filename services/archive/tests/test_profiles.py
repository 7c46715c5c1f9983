"""Customer (CP) and vendor (VP) profiles over real gRPC, on SQLite and PostgreSQL: sections,
drafts, review rounds and versions, the book's rules, field history and events."""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc
import pytest
from archive_people import HEAD, OWNER, PEER, TEAM_LEAD
from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import archive_service_pb2 as apb
from mcr.archive.v1 import customer_pb2, events_pb2
from mcr.archive.v1 import profile_pb2 as ppb
from mcr.archive.v1 import profile_service_pb2 as pb
from mcr.archive.v1 import profile_service_pb2_grpc as pb_grpc
from mcr_archive.hooks import NetworkMetric
from mcr_core.plugins import hookimpl
from mcr_core.rpc import field_violations
from mcr_core.testing import nats_client


@pytest.fixture
async def profiles(archive) -> AsyncIterator[pb_grpc.ProfileServiceStub]:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{archive.grpc_port}") as channel:
        yield pb_grpc.ProfileServiceStub(channel)


async def new_customer(stub, auth, claims=OWNER, **fields) -> customer_pb2.Customer:
    values = {"display_name": "南海移动", "industry": "telecom"} | fields
    return await stub.CreateCustomer(
        apb.CreateCustomerRequest(customer=customer_pb2.Customer(**values)),
        metadata=auth(**claims),
    )


def cp(customer, **fields) -> ppb.CustomerProfile:
    return ppb.CustomerProfile(name=f"{customer.name}/customerProfile", **fields)


def vp(customer, **fields) -> ppb.VendorProfile:
    return ppb.VendorProfile(name=f"{customer.name}/vendorProfile", **fields)


def section(code: str, **fields) -> ppb.ProfileSection:
    return ppb.ProfileSection(code=code, fields=fields)


async def edit_cp(profiles, auth, profile, paths=(), claims=OWNER) -> ppb.CustomerProfile:
    request = pb.UpdateCustomerProfileRequest(
        customer_profile=profile, update_mask=FieldMask(paths=list(paths))
    )
    return await profiles.UpdateCustomerProfile(request, metadata=auth(**claims))


async def edit_vp(profiles, auth, profile, paths=(), claims=OWNER) -> ppb.VendorProfile:
    request = pb.UpdateVendorProfileRequest(
        vendor_profile=profile, update_mask=FieldMask(paths=list(paths))
    )
    return await profiles.UpdateVendorProfile(request, metadata=auth(**claims))


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await call
    return error.value


def violated(error: grpc.aio.AioRpcError) -> list[str]:
    return [v.field for v in field_violations(error)]


WEIGHTS = [
    ppb.SupplierWeight(dimension="price", group="commercial", weight=40, our_score=8,
                       competitor_scores={"Ericsson": 6, "Nokia": 7}),
    ppb.SupplierWeight(dimension="delivery", group="service", weight=35, our_score=9,
                       competitor_scores={"Ericsson": 7, "Nokia": 5}),
    ppb.SupplierWeight(dimension="innovation", group="product", weight=25, our_score=6,
                       competitor_scores={"Ericsson": 9, "Nokia": 6}),
]  # fmt: skip


# --- customer profile: sections and their rules -------------------------------------------------


async def test_a_customer_profile_is_a_structured_draft(stub, profiles, auth, fake_clock):
    customer = await new_customer(stub, auth)
    empty = await profiles.GetCustomerProfile(
        pb.GetCustomerProfileRequest(name=f"{customer.name}/customerProfile"), metadata=auth()
    )
    assert (empty.state, empty.published_version, list(empty.sections)) == (
        ppb.PROFILE_STATE_DRAFT, 0, [],
    )  # fmt: skip
    written = await edit_cp(
        profiles,
        auth,
        cp(
            customer,
            etag=empty.etag,
            sections=[
                section(
                    "competitive_environment",
                    position="head",
                    role="defender",
                    main_competitors="Ericsson, Nokia",
                ),
                section("swot", strengths="network quality", value_trend="grows"),
            ],
            key_events=[ppb.KeyCalendarEvent(date="2027-03-15", title="annual tender")],
            business_network=ppb.BusinessNetwork(
                metrics={"sites": "12000", "our_share": "37.5"},
                product_experience="our core network since 2019",
            ),
        ),
    )
    assert written.state == ppb.PROFILE_STATE_DRAFT and written.etag != empty.etag
    fields = {s.code: dict(s.fields) for s in written.sections}
    assert fields["competitive_environment"]["position"] == "head"
    assert written.business_network.metrics["sites"] == "12000"

    # One section replaced through its mask path; the others stay.
    fake_clock.advance(seconds=60)
    again = await edit_cp(
        profiles,
        auth,
        cp(customer, etag=written.etag, sections=[section("swot", strengths="delivery speed")]),
        ["sections.swot"],
    )
    fields = {s.code: dict(s.fields) for s in again.sections}
    assert fields["swot"] == {"strengths": "delivery speed"}
    assert "competitive_environment" in fields
    stale = await refused(edit_cp(profiles, auth, cp(customer, etag=written.etag), ["key_events"]))
    assert stale.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert violated(stale) == ["customer_profile.etag"]


async def test_bad_sections_are_refused_naming_the_section_and_field(stub, profiles, auth):
    customer = await new_customer(stub, auth)
    error = await refused(
        edit_cp(
            profiles,
            auth,
            cp(
                customer,
                sections=[
                    section("competitive_environment", position="top"),
                    section("swot", mood="good"),
                    section("gossip", who="x"),
                ],
                key_events=[ppb.KeyCalendarEvent(date="15/03/2027", title="")],
            ),
        )
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert sorted(violated(error)) == [
        "customer_profile.key_events[0].date",
        "customer_profile.key_events[0].title",
        "customer_profile.sections[competitive_environment].position",
        "customer_profile.sections[gossip]",
        "customer_profile.sections[swot].mood",
    ]
    mask = await refused(edit_cp(profiles, auth, cp(customer), ["sections.gossip", "tier"]))
    assert violated(mask) == ["customer_profile.sections[gossip]", "update_mask"]
    # Nothing was written.
    got = await profiles.GetCustomerProfile(
        pb.GetCustomerProfileRequest(name=f"{customer.name}/customerProfile"), metadata=auth()
    )
    assert list(got.sections) == []


class OperatorNetworks:
    """An industry's own schema, as an industry pack gives it (the telecom pack's, in part)."""

    @hookimpl
    def archive_network_metrics(self) -> list[NetworkMetric]:
        return [
            NetworkMetric("telecom", "users", "Subscribers", "用户数", "integer", "users"),
            NetworkMetric("telecom", "coverage", "Coverage", "网络覆盖率", "percent", "%"),
            NetworkMetric("telecom", "base_stations", "Base stations", "基站数", "integer"),
        ]


async def test_business_network_metrics_follow_the_industry_schema(archive, stub, profiles, auth):
    archive.kernel.plugins.register(OperatorNetworks(), name="operators")
    telecom = await new_customer(stub, auth)
    schema = await profiles.GetBusinessNetworkSchema(
        pb.GetBusinessNetworkSchemaRequest(name=f"{telecom.name}/businessNetworkSchema"),
        metadata=auth(),
    )
    codes = {m.code: m for m in schema.metrics}
    assert schema.industry == "telecom" and {"users", "coverage", "base_stations"} <= set(codes)
    assert codes["base_stations"].value_type == ppb.NETWORK_METRIC_VALUE_TYPE_INTEGER
    assert codes["base_stations"].plugin == "operators"
    bank = await new_customer(stub, auth, display_name="岭南银行", industry="finance")
    general = await profiles.GetBusinessNetworkSchema(
        pb.GetBusinessNetworkSchemaRequest(name=f"{bank.name}/businessNetworkSchema"),
        metadata=auth(),
    )
    assert "base_stations" not in {m.code for m in general.metrics}
    assert "sites" in {m.code for m in general.metrics}

    error = await refused(
        edit_cp(
            profiles,
            auth,
            cp(
                telecom,
                business_network=ppb.BusinessNetwork(
                    metrics={"base_stations": "many", "coverage": "120", "branches": "3"}
                ),
            ),
            ["business_network"],
        )
    )
    assert sorted(violated(error)) == [
        "customer_profile.business_network.metrics[base_stations]",
        "customer_profile.business_network.metrics[branches]",
        "customer_profile.business_network.metrics[coverage]",
    ]
    bad_for_a_bank = await refused(
        edit_cp(
            profiles,
            auth,
            cp(bank, business_network=ppb.BusinessNetwork(metrics={"base_stations": "10"})),
        )
    )
    assert violated(bad_for_a_bank) == ["customer_profile.business_network.metrics[base_stations]"]


async def test_key_sub_networks_are_subsidiaries_of_the_group(stub, profiles, auth):
    group = await new_customer(stub, auth, display_name="南海电信集团")
    branch = await new_customer(stub, auth, display_name="南海电信广东", parent_group=group.name)
    stranger = await new_customer(stub, auth, display_name="别的公司")
    region = ppb.KEY_SUB_NETWORK_KIND_VALUE_REGION
    written = await edit_cp(
        profiles,
        auth,
        cp(
            group,
            key_sub_networks=[
                ppb.KeySubNetwork(
                    display_name="广东",
                    kind=region,
                    subsidiary=branch.name,
                    approval_path="projects over 5M need group approval",
                    group_model_selection=True,
                ),
                ppb.KeySubNetwork(
                    display_name="IoT business", kind=ppb.KEY_SUB_NETWORK_KIND_VALUE_BUSINESS
                ),
            ],
        ),
        ["key_sub_networks"],
    )
    assert [n.subsidiary for n in written.key_sub_networks] == [branch.name, ""]
    error = await refused(
        edit_cp(
            profiles,
            auth,
            cp(
                group,
                key_sub_networks=[
                    ppb.KeySubNetwork(display_name="x", kind=region, subsidiary=stranger.name),
                    ppb.KeySubNetwork(display_name="y"),
                ],
            ),
            ["key_sub_networks"],
        )
    )
    assert sorted(violated(error)) == [
        "customer_profile.key_sub_networks[0].subsidiary",
        "customer_profile.key_sub_networks[1].kind",
    ]


# --- vendor profile: locked competitors and the weight table -------------------------------------


async def test_weight_table_scores_us_and_each_locked_competitor(stub, profiles, auth):
    customer = await new_customer(stub, auth)
    written = await edit_vp(
        profiles,
        auth,
        vp(customer, locked_competitors=["Ericsson", "Nokia"], supplier_weights=WEIGHTS,
           sections=[section("supplier_summary", procurement_mode="centralised")]),
    )  # fmt: skip
    scores = {s.vendor: s.score for s in written.weighted_scores}
    # us: (40*8 + 35*9 + 25*6) / 100; Ericsson: (40*6 + 35*7 + 25*9) / 100; Nokia likewise.
    assert scores == pytest.approx({"us": 7.85, "Ericsson": 7.1, "Nokia": 6.05})
    assert [w.weight for w in written.supplier_weights] == [40, 35, 25]


async def test_a_third_locked_competitor_is_refused(stub, profiles, auth):
    customer = await new_customer(stub, auth)
    error = await refused(
        edit_vp(profiles, auth, vp(customer, locked_competitors=["Ericsson", "Nokia", "ZTE"]))
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violated(error) == ["vendor_profile.locked_competitors"]
    assert "at most 2" in field_violations(error)[0].description


async def test_weights_must_sum_to_100_and_score_only_locked_competitors(stub, profiles, auth):
    customer = await new_customer(stub, auth)
    short = [ppb.SupplierWeight(dimension="price", weight=60, our_score=8),
             ppb.SupplierWeight(dimension="delivery", weight=30, our_score=7)]  # fmt: skip
    error = await refused(edit_vp(profiles, auth, vp(customer, supplier_weights=short)))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violated(error) == ["vendor_profile.supplier_weights"]
    assert "sum to 90" in field_violations(error)[0].description
    unlocked = [ppb.SupplierWeight(dimension="price", weight=100, our_score=11,
                                   competitor_scores={"ZTE": 5})]  # fmt: skip
    error = await refused(
        edit_vp(
            profiles, auth, vp(customer, locked_competitors=["Nokia"], supplier_weights=unlocked)
        )
    )
    assert sorted(violated(error)) == [
        "vendor_profile.supplier_weights[0].competitor_scores[ZTE]",
        "vendor_profile.supplier_weights[0].our_score",
    ]
    got = await profiles.GetVendorProfile(
        pb.GetVendorProfileRequest(name=f"{customer.name}/vendorProfile"), metadata=auth()
    )
    assert (list(got.locked_competitors), list(got.supplier_weights)) == ([], [])


# --- review rounds and versions ----------------------------------------------------------------


async def test_review_rounds_publish_versions_and_keep_them(stub, profiles, auth, fake_clock):
    customer = await new_customer(stub, auth)
    name = f"{customer.name}/vendorProfile"
    first = await edit_vp(profiles, auth, vp(customer, locked_competitors=["Ericsson"]))
    round_1 = await profiles.SubmitProfile(
        pb.SubmitProfileRequest(name=name, etag=first.etag), metadata=auth(**OWNER)
    )
    assert (round_1.round, round_1.submitted_by) == (1, "employees/e-1001")
    frozen = await refused(edit_vp(profiles, auth, vp(customer, locked_competitors=["Nokia"])))
    assert (frozen.code(), violated(frozen)) == (
        grpc.StatusCode.FAILED_PRECONDITION, ["vendor_profile.state"],
    )  # fmt: skip
    in_review = await profiles.GetVendorProfile(
        pb.GetVendorProfileRequest(name=name), metadata=auth()
    )
    assert in_review.state == ppb.PROFILE_STATE_IN_REVIEW

    # The submitter does not review their own round; a non-manager does not review at all.
    lead = {**OWNER, "roles": ("manager",)}
    own = await refused(
        profiles.ReviewProfile(
            pb.ReviewProfileRequest(name=name, verdict=ppb.REVIEW_VERDICT_APPROVED),
            metadata=auth(**lead),
        )
    )
    assert own.code() == grpc.StatusCode.PERMISSION_DENIED  # who reviews, not the state
    assert (await refused(
        profiles.ReviewProfile(
            pb.ReviewProfileRequest(name=name, verdict=ppb.REVIEW_VERDICT_APPROVED),
            metadata=auth(**PEER),
        )
    )).code() == grpc.StatusCode.PERMISSION_DENIED  # fmt: skip
    silent = await refused(
        profiles.ReviewProfile(
            pb.ReviewProfileRequest(name=name, verdict=ppb.REVIEW_VERDICT_CHANGES_REQUESTED),
            metadata=auth(**TEAM_LEAD),
        )
    )
    assert violated(silent) == ["comments"]
    fake_clock.advance(seconds=3600)
    sent_back = await profiles.ReviewProfile(
        pb.ReviewProfileRequest(
            name=name,
            verdict=ppb.REVIEW_VERDICT_CHANGES_REQUESTED,
            comments=[ppb.ReviewComment(section="locked_competitors", text="lock Nokia too")],
        ),
        metadata=auth(**TEAM_LEAD),
    )
    assert (sent_back.verdict, sent_back.reviewer) == (
        ppb.REVIEW_VERDICT_CHANGES_REQUESTED, "employees/e-1000",
    )  # fmt: skip
    second = await edit_vp(profiles, auth, vp(customer, locked_competitors=["Ericsson", "Nokia"]))
    await profiles.SubmitProfile(pb.SubmitProfileRequest(name=name), metadata=auth())
    approved = await profiles.ReviewProfile(
        pb.ReviewProfileRequest(name=name, verdict=ppb.REVIEW_VERDICT_APPROVED),
        metadata=auth(**HEAD),
    )
    assert (approved.round, approved.published_version) == (2, 1)
    published = await profiles.GetVendorProfile(
        pb.GetVendorProfileRequest(name=name), metadata=auth()
    )
    assert (published.state, published.published_version) == (ppb.PROFILE_STATE_PUBLISHED, 1)
    nothing_new = await refused(
        profiles.SubmitProfile(pb.SubmitProfileRequest(name=name), metadata=auth())
    )
    assert nothing_new.code() == grpc.StatusCode.FAILED_PRECONDITION

    # A new draft on top of version 1, approved as version 2; version 1 is kept as it was.
    await edit_vp(
        profiles, auth, vp(customer, locked_competitors=["Nokia"]), ["locked_competitors"]
    )
    await profiles.SubmitProfile(pb.SubmitProfileRequest(name=name), metadata=auth())
    await profiles.ReviewProfile(
        pb.ReviewProfileRequest(name=name, verdict=ppb.REVIEW_VERDICT_APPROVED,
                                comments=[ppb.ReviewComment(text="good")]),
        metadata=auth(**TEAM_LEAD),
    )  # fmt: skip
    versions = await profiles.ListProfileVersions(
        pb.ListProfileVersionsRequest(parent=name, page_size=1), metadata=auth()
    )
    assert [v.version for v in versions.versions] == [2] and versions.next_page_token
    older = await profiles.ListProfileVersions(
        pb.ListProfileVersionsRequest(
            parent=name, page_size=1, page_token=versions.next_page_token
        ),
        metadata=auth(),
    )
    assert [v.version for v in older.versions] == [1] and not older.next_page_token
    v1 = await profiles.GetProfileVersion(
        pb.GetProfileVersionRequest(name=f"{name}/versions/1"), metadata=auth()
    )
    assert list(v1.vendor_profile.locked_competitors) == list(second.locked_competitors)
    assert v1.vendor_profile.etag == ""  # a version never changes: no etag to match
    assert (v1.approved_by, v1.submitted_by, v1.review_round) == (
        "employees/e-0900", "employees/e-1001", 2,
    )  # fmt: skip
    v2 = await profiles.GetProfileVersion(
        pb.GetProfileVersionRequest(name=f"{name}/versions/2"), metadata=auth()
    )
    assert list(v2.vendor_profile.locked_competitors) == ["Nokia"]
    missing = await refused(
        profiles.GetProfileVersion(
            pb.GetProfileVersionRequest(name=f"{name}/versions/9"), metadata=auth()
        )
    )
    assert missing.code() == grpc.StatusCode.NOT_FOUND
    reviews = await profiles.ListProfileReviews(
        pb.ListProfileReviewsRequest(parent=name), metadata=auth()
    )
    assert [(r.round, r.verdict) for r in reviews.reviews] == [
        (3, ppb.REVIEW_VERDICT_APPROVED),
        (2, ppb.REVIEW_VERDICT_APPROVED),
        (1, ppb.REVIEW_VERDICT_CHANGES_REQUESTED),
    ]
    assert reviews.reviews[2].comments[0].text == "lock Nokia too"


# --- field history and events -------------------------------------------------------------------


async def test_profile_changes_are_in_the_field_history(stub, profiles, auth, fake_clock):
    customer = await new_customer(stub, auth)
    name = f"{customer.name}/customerProfile"
    await edit_cp(profiles, auth, cp(customer, sections=[section("swot", strengths="quality")]))
    before = fake_clock.now()
    fake_clock.advance(seconds=86400)
    await edit_cp(
        profiles,
        auth,
        cp(customer, sections=[section("swot", strengths="speed")]),
        ["sections.swot"],
    )
    history = await profiles.ListProfileHistory(
        pb.ListProfileHistoryRequest(name=name), metadata=auth()
    )
    strengths = [c for c in history.changes if c.field == "sections.swot.strengths"]
    assert [(c.old_value, c.new_value, c.actor) for c in strengths] == [
        ("", "quality", "employees/e-1001"),
        ("quality", "speed", "employees/e-1001"),
    ]
    request = pb.ListProfileHistoryRequest(name=name)
    request.as_of.FromDatetime(before)
    then = await profiles.ListProfileHistory(request, metadata=auth())
    assert then.values["sections.swot.strengths"] == "quality"


async def test_every_profile_change_emits_its_event(stub, profiles, auth, archive):
    customer = await new_customer(stub, auth)
    name = f"{customer.name}/customerProfile"
    await edit_cp(
        profiles, auth, cp(customer, sections=[section("overview", core_conclusions="x")])
    )
    await profiles.SubmitProfile(pb.SubmitProfileRequest(name=name), metadata=auth())
    await profiles.ReviewProfile(
        pb.ReviewProfileRequest(name=name, verdict=ppb.REVIEW_VERDICT_APPROVED),
        metadata=auth(**HEAD),
    )
    nc = await nats_client(archive.kernel.settings.nats_url)
    try:
        sub = await nc.jetstream().pull_subscribe(
            "mcr.archive.profile.>", stream=archive.kernel.stream
        )
        seen = []
        while len(seen) < 3:
            fetched = await sub.fetch(50, timeout=5)
            seen += [m for m in fetched if m.headers["ce-subject"].startswith(name)]
        assert [m.subject for m in seen] == [
            "mcr.archive.profile.changed",
            "mcr.archive.profile.changed",
            "mcr.archive.profile.published",
        ]
        edited = events_pb2.ProfileChanged.FromString(seen[0].data)
        assert (edited.name, edited.region, list(edited.changed_fields.paths)) == (
            name, "cn-south", ["sections.overview"],
        )  # fmt: skip
        published = events_pb2.ProfilePublished.FromString(seen[2].data)
        assert (published.name, published.version) == (f"{name}/versions/1", 1)
    finally:
        await nc.drain()


async def test_profile_service_is_known_to_health_and_reflection(archive):
    import asyncio

    from grpc_health.v1 import health_pb2, health_pb2_grpc
    from grpc_requests import Client

    async with grpc.aio.insecure_channel(f"127.0.0.1:{archive.grpc_port}") as channel:
        health = health_pb2_grpc.HealthStub(channel)
        reply = await health.Check(
            health_pb2.HealthCheckRequest(service="mcr.archive.v1.ProfileService")
        )
        assert reply.status == health_pb2.HealthCheckResponse.SERVING
    client = await asyncio.to_thread(Client.get_by_endpoint, f"127.0.0.1:{archive.grpc_port}")
    assert "mcr.archive.v1.ProfileService" in client.service_names


class BankingPack:
    """An industry plugin: a business-network schema for banks."""

    @hookimpl
    def archive_network_metrics(self):
        return [
            NetworkMetric("finance", "branches", "Branches", "网点数", "integer", "branches"),
            NetworkMetric("finance", "core_system", "Core banking system", "核心系统", "text"),
        ]


class BrokenPack:
    @hookimpl
    def archive_network_metrics(self):
        raise RuntimeError("schema service down")


async def test_an_industry_plugin_gives_the_business_network_schema(archive, stub, profiles, auth):
    archive.kernel.plugins.register(BankingPack(), name="banking-pack")
    archive.kernel.plugins.register(BrokenPack(), name="broken-pack")
    bank = await new_customer(stub, auth, display_name="岭南银行", industry="finance")
    schema = await profiles.GetBusinessNetworkSchema(
        pb.GetBusinessNetworkSchemaRequest(name=f"{bank.name}/businessNetworkSchema"),
        metadata=auth(),
    )
    assert [(m.code, m.plugin) for m in schema.metrics] == [
        ("branches", "banking-pack"),
        ("core_system", "banking-pack"),
    ]
    written = await edit_cp(
        profiles,
        auth,
        cp(bank, business_network=ppb.BusinessNetwork(metrics={"branches": "320"})),
    )
    assert written.business_network.metrics["branches"] == "320"
    # The general schema no longer applies to banks; a failing plugin takes nothing down.
    error = await refused(
        edit_cp(
            profiles, auth, cp(bank, business_network=ppb.BusinessNetwork(metrics={"sites": "3"}))
        )
    )
    assert violated(error) == ["customer_profile.business_network.metrics[sites]"]
    telecom = await new_customer(stub, auth)
    telecom_schema = await profiles.GetBusinessNetworkSchema(
        pb.GetBusinessNetworkSchemaRequest(name=f"{telecom.name}/businessNetworkSchema"),
        metadata=auth(),
    )
    assert "sites" in {m.code for m in telecom_schema.metrics}  # no pack: the general schema
