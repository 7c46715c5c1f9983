"""The archive's Customer API over real gRPC, on SQLite and PostgreSQL."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import customer_pb2, events_pb2
from mcr.common.v1 import money_pb2
from mcr_core.rpc import field_violations
from mcr_core.testing import nats_client


def customer(**fields) -> customer_pb2.Customer:
    values = {
        "display_name": "华南移动",
        "industry": "telecom",
        "country_code": "CN",
        "annual_revenue": money_pb2.Money(currency_code="CNY", units=1_000_000),
        "employee_count": 1200,
    }
    return customer_pb2.Customer(**(values | fields))


async def create(stub, auth, request_id: str = "", **fields) -> customer_pb2.Customer:
    request = pb.CreateCustomerRequest(customer=customer(**fields), request_id=request_id)
    return await stub.CreateCustomer(request, metadata=auth())


async def refused(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await call
    return error.value


def violated_fields(error: grpc.aio.AioRpcError) -> list[str]:
    return [v.field for v in field_violations(error)]


async def test_create_get_update_delete(stub, auth, fake_clock):
    created = await create(stub, auth)
    assert created.name.startswith("customers/")
    assert created.region == "cn-south"  # the caller's region
    assert created.lifecycle_state == customer_pb2.LIFECYCLE_STATE_PROSPECT
    assert created.create_time.ToDatetime().year == fake_clock.now().year

    got = await stub.GetCustomer(pb.GetCustomerRequest(name=created.name), metadata=auth())
    assert got == created

    fake_clock.advance(hours=1)
    change = customer_pb2.Customer(
        name=created.name, etag=created.etag, employee_count=1500, display_name="ignored"
    )
    updated = await stub.UpdateCustomer(
        pb.UpdateCustomerRequest(customer=change, update_mask=FieldMask(paths=["employee_count"])),
        metadata=auth(),
    )
    assert updated.employee_count == 1500
    assert updated.display_name == "华南移动"  # not in the mask
    assert updated.etag != created.etag
    assert updated.update_time.ToDatetime() > created.update_time.ToDatetime()

    await stub.DeleteCustomer(
        pb.DeleteCustomerRequest(name=created.name, etag=updated.etag), metadata=auth()
    )
    error = await refused(
        stub.GetCustomer(pb.GetCustomerRequest(name=created.name), metadata=auth())
    )
    assert error.code() == grpc.StatusCode.NOT_FOUND


async def test_create_is_idempotent_on_request_id(stub, auth, archive):
    first = await create(stub, auth, request_id="req-42")
    again = await create(stub, auth, request_id="req-42", display_name="another name")
    assert again.name == first.name
    assert again.display_name == first.display_name
    page = await stub.ListCustomers(pb.ListCustomersRequest(), metadata=auth())
    assert len(page.customers) == 1


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"display_name": "  "}, "customer.display_name", grpc.StatusCode.INVALID_ARGUMENT),
        (
            {"annual_revenue": money_pb2.Money(currency_code="XYZ", units=5)},
            "customer.annual_revenue.currency_code",
            grpc.StatusCode.INVALID_ARGUMENT,
        ),
        (
            {"annual_revenue": money_pb2.Money(currency_code="CNY", units=-5)},
            "customer.annual_revenue.units",
            grpc.StatusCode.INVALID_ARGUMENT,
        ),
        ({"country_code": "XX"}, "customer.country_code", grpc.StatusCode.INVALID_ARGUMENT),
        ({"industry": "astrology"}, "customer.industry", grpc.StatusCode.INVALID_ARGUMENT),
        ({"employee_count": -1}, "customer.employee_count", grpc.StatusCode.INVALID_ARGUMENT),
        ({"lifecycle_state": 99}, "customer.lifecycle_state", grpc.StatusCode.INVALID_ARGUMENT),
        ({"parent_group": "groups/1"}, "customer.parent_group", grpc.StatusCode.INVALID_ARGUMENT),
        (
            {"parent_group": "customers/does-not-exist"},
            "customer.parent_group",
            grpc.StatusCode.FAILED_PRECONDITION,
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
async def test_bad_input_names_the_field(stub, auth, fields, field, code):
    error = await refused(create(stub, auth, **fields))
    assert error.code() == code
    assert field in violated_fields(error)
    page = await stub.ListCustomers(pb.ListCustomersRequest(), metadata=auth())
    assert len(page.customers) == 0  # nothing half-written


async def test_all_violations_are_reported_at_once(stub, auth):
    error = await refused(
        create(
            stub,
            auth,
            display_name="",
            annual_revenue=money_pb2.Money(currency_code="???", units=-1),
        )
    )
    assert set(violated_fields(error)) == {
        "customer.display_name",
        "customer.annual_revenue.currency_code",
        "customer.annual_revenue.units",
    }


async def test_stale_etag_and_bad_masks_are_refused(stub, auth):
    created = await create(stub, auth)

    async def update(paths, **fields):
        change = customer_pb2.Customer(name=created.name, **fields)
        return await stub.UpdateCustomer(
            pb.UpdateCustomerRequest(customer=change, update_mask=FieldMask(paths=paths)),
            metadata=auth(),
        )

    await update(["employee_count"], employee_count=7, etag=created.etag)
    stale = await refused(update(["employee_count"], employee_count=8, etag=created.etag))
    assert stale.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert violated_fields(stale) == ["customer.etag"]

    unknown = await refused(update(["employee_count", "colour"], employee_count=9))
    assert unknown.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violated_fields(unknown) == ["update_mask"]
    assert "colour" in field_violations(unknown)[0].description

    immutable = await refused(update(["region"], region="eu-west"))
    assert immutable.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "region cannot be changed" in field_violations(immutable)[0].description

    invalid = await refused(update(["display_name"], display_name=""))
    assert violated_fields(invalid) == ["customer.display_name"]


async def test_group_structure_must_stay_a_tree(stub, auth):
    group = await create(stub, auth, display_name="Group")
    subsidiary = await create(stub, auth, display_name="Subsidiary", parent_group=group.name)
    assert subsidiary.parent_group == group.name
    error = await refused(
        stub.UpdateCustomer(
            pb.UpdateCustomerRequest(
                customer=customer_pb2.Customer(name=group.name, parent_group=subsidiary.name),
                update_mask=FieldMask(paths=["parent_group"]),
            ),
            metadata=auth(),
        )
    )
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "cycle" in field_violations(error)[0].description
    in_use = await refused(
        stub.DeleteCustomer(pb.DeleteCustomerRequest(name=group.name), metadata=auth())
    )
    assert in_use.code() == grpc.StatusCode.FAILED_PRECONDITION


async def test_list_pages_and_filters(stub, auth, fake_clock):
    for index in range(7):
        fake_clock.advance(seconds=1)
        await create(
            stub, auth, display_name=f"客户{index}", industry="finance" if index % 2 else "telecom"
        )
    names, token = [], ""
    while True:
        page = await stub.ListCustomers(
            pb.ListCustomersRequest(page_size=3, page_token=token, filter='industry = "telecom"'),
            metadata=auth(),
        )
        names += [c.display_name for c in page.customers]
        token = page.next_page_token
        if not token:
            break
    assert names == ["客户0", "客户2", "客户4", "客户6"]
    contains = await stub.ListCustomers(
        pb.ListCustomersRequest(filter='display_name : "户5"'), metadata=auth()
    )
    assert [c.display_name for c in contains.customers] == ["客户5"]
    by_state = await stub.ListCustomers(
        pb.ListCustomersRequest(filter="lifecycle_state = PROSPECT"), metadata=auth()
    )
    assert len(by_state.customers) == 7
    bad = await refused(
        stub.ListCustomers(pb.ListCustomersRequest(filter="colour = red"), metadata=auth())
    )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT and violated_fields(bad) == ["filter"]


@pytest.mark.parametrize("token_kind", ["missing", "garbage", "expired", "foreign"])
async def test_calls_without_a_valid_token_are_unauthenticated(
    stub, auth_keys, tmp_path, token_kind
):
    import time

    from mcr_core.testing import AuthKeys

    metadata = {
        "missing": (),
        "garbage": (("authorization", "Bearer nonsense"),),
        "expired": (
            ("authorization", f"Bearer {auth_keys.token(ttl_seconds=60, now=time.time() - 7200)}"),
        ),
        "foreign": AuthKeys(tmp_path / "other").metadata(),
    }[token_kind]
    error = await refused(stub.ListCustomers(pb.ListCustomersRequest(), metadata=metadata))
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_another_regions_customer_is_not_found(stub, auth):
    south = await create(stub, auth)
    west = lambda: auth(employee_id="e-2001", region="eu-west", org_unit="/eu-west/x")  # noqa: E731
    for call in (
        stub.GetCustomer(pb.GetCustomerRequest(name=south.name), metadata=west()),
        stub.UpdateCustomer(
            pb.UpdateCustomerRequest(
                customer=customer_pb2.Customer(name=south.name, employee_count=1),
                update_mask=FieldMask(paths=["employee_count"]),
            ),
            metadata=west(),
        ),
        stub.DeleteCustomer(pb.DeleteCustomerRequest(name=south.name), metadata=west()),
    ):
        assert (await refused(call)).code() == grpc.StatusCode.NOT_FOUND
    listed = await stub.ListCustomers(pb.ListCustomersRequest(), metadata=west())
    assert list(listed.customers) == []
    other = await refused(create(stub, auth, region="eu-west"))
    assert other.code() == grpc.StatusCode.PERMISSION_DENIED
    still = await stub.GetCustomer(pb.GetCustomerRequest(name=south.name), metadata=auth())
    assert still.employee_count == south.employee_count


async def test_every_change_emits_its_event(stub, auth, archive):

    created = await create(stub, auth)
    updated = await stub.UpdateCustomer(
        pb.UpdateCustomerRequest(
            customer=customer_pb2.Customer(
                name=created.name, industry="finance", employee_count=1200
            ),
            update_mask=FieldMask(paths=["industry", "employee_count"]),
        ),
        metadata=auth(),
    )
    await stub.DeleteCustomer(pb.DeleteCustomerRequest(name=created.name), metadata=auth())
    nc = await nats_client(archive.kernel.settings.nats_url)
    try:
        sub = await nc.jetstream().pull_subscribe(
            "mcr.archive.customer.>", stream=archive.kernel.stream
        )
        seen = []
        while len([m for m in seen if m.headers["ce-subject"] == created.name]) < 3:
            seen += await sub.fetch(50, timeout=5)
        mine = [m for m in seen if m.headers["ce-subject"] == created.name]
        assert [m.subject for m in mine] == [
            "mcr.archive.customer.created",
            "mcr.archive.customer.updated",
            "mcr.archive.customer.deleted",
        ]
        changed = events_pb2.CustomerUpdated.FromString(mine[1].data)
        # employee_count was in the mask but did not change: only industry is reported.
        assert list(changed.changed_fields.paths) == ["industry"]
        assert changed.customer.etag == updated.etag
        # Who the customer is relevant to (decision 11), for the services that keep it.
        first = events_pb2.CustomerCreated.FromString(mine[0].data)
        assert first.customer.owner == changed.customer.owner == "employees/e-1001"
        assert first.owner_org_unit == changed.owner_org_unit == "/cn-south/enterprise/team-1"
    finally:
        await nc.drain()


async def test_credit_rating_history_and_its_rule(stub, auth):
    created = await create(
        stub, auth, ownership_type=customer_pb2.OWNERSHIP_TYPE_STATE_OWNED, province="广东"
    )
    assert (created.ownership_type, created.province, created.credit_rating) == (
        customer_pb2.OWNERSHIP_TYPE_STATE_OWNED,
        "广东",
        "",
    )
    review = customer_pb2.CREDIT_EVENT_CAUSE_REVIEW
    bad_debt = customer_pb2.CREDIT_EVENT_CAUSE_BAD_DEBT

    def rate(rating: str, cause: int, note: str = "") -> pb.RateCreditRequest:
        return pb.RateCreditRequest(name=created.name, rating=rating, cause=cause, note=note)

    assert (await stub.RateCredit(rate("B", review), metadata=auth())).credit_rating == "B"
    assert (
        await stub.RateCredit(rate("c", bad_debt, "INV-2026-17"), metadata=auth())
    ).credit_rating == "C"
    raised = await refused(stub.RateCredit(rate("A", bad_debt), metadata=auth()))
    assert raised.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert violated_fields(raised) == ["rating"]
    for request, field in ((rate("E", review), "rating"), (rate("A", 0), "cause")):
        error = await refused(stub.RateCredit(request, metadata=auth()))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and violated_fields(error) == [
            field
        ]
    history = await stub.ListCreditHistory(
        pb.ListCreditHistoryRequest(name=created.name), metadata=auth()
    )
    assert [(c.previous_rating, c.rating, c.note) for c in history.changes] == [
        ("B", "C", "INV-2026-17"),
        ("", "B", ""),
    ]
    # The etag the account team holds stays valid: finance's rating is not their edit.
    updated = await stub.UpdateCustomer(
        pb.UpdateCustomerRequest(
            customer=customer_pb2.Customer(name=created.name, employee_count=9, etag=created.etag),
            update_mask=FieldMask(paths=["employee_count"]),
        ),
        metadata=auth(),
    )
    assert updated.credit_rating == "C"
    by_rating = await stub.ListCustomers(
        pb.ListCustomersRequest(filter='credit_rating = "C"'), metadata=auth()
    )
    assert [c.name for c in by_rating.customers] == [created.name]


async def test_yearly_revenue_we_earned(stub, auth, fake_clock):
    created = await create(stub, auth)

    def year(y: int, units: int, currency: str = "CNY") -> pb.RecordYearlyRevenueRequest:
        return pb.RecordYearlyRevenueRequest(
            revenue=pb.YearlyRevenue(
                customer=created.name,
                year=y,
                amount=money_pb2.Money(currency_code=currency, units=units),
            )
        )

    this_year = fake_clock.now().year
    await stub.RecordYearlyRevenue(year(this_year - 1, 50_000_000), metadata=auth())
    await stub.RecordYearlyRevenue(year(this_year - 2, 20_000_000), metadata=auth())
    await stub.RecordYearlyRevenue(year(this_year - 1, 55_000_000), metadata=auth())  # corrected
    history = await stub.ListYearlyRevenue(
        pb.ListYearlyRevenueRequest(name=created.name), metadata=auth()
    )
    assert [(y.year, y.amount.units) for y in history.years] == [
        (this_year - 2, 20_000_000),
        (this_year - 1, 55_000_000),
    ]
    for request, field in (
        (year(this_year + 1, 1), "revenue.year"),
        (year(this_year, -1), "revenue.amount.units"),
        (year(this_year, 1, "???"), "revenue.amount.currency_code"),
    ):
        error = await refused(stub.RecordYearlyRevenue(request, metadata=auth()))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and field in violated_fields(error)
    west = await refused(
        stub.ListYearlyRevenue(
            pb.ListYearlyRevenueRequest(name=created.name),
            metadata=auth(employee_id="e-2001", region="eu-west", org_unit="/eu-west/x"),
        )
    )
    assert west.code() == grpc.StatusCode.NOT_FOUND
