"""Information products: reports and briefs for director level and above, special reports only
for the employees a department's commission names (the kernel's Classification rule)."""

from __future__ import annotations

import grpc
import pytest
from insight_kit import archive_customer, refused
from mcr.insight.v1 import insight_service_pb2 as pb
from mcr.insight.v1 import products_pb2 as ip
from mcr_core.rpc import field_violations

MARKET = {"employee_id": "e-market", "roles": ["market_department"]}
DIRECTOR = {"employee_id": "e-director", "roles": ["director"]}
VP = {"employee_id": "e-vp", "roles": ["vice_president", "manager"]}
MANAGER = {"employee_id": "e-manager", "roles": ["manager"]}
CFO_OFFICE = {"employee_id": "e-finance", "roles": []}


@pytest.fixture
async def customer(announce, scored, region):
    created = await announce("created", archive_customer(region))
    await scored(created)
    return created


async def write(stub, auth, customer, kind, commission=None, **claims):
    return await stub.CreateInformationProduct(
        pb.CreateInformationProductRequest(
            parent=customer.name,
            information_product=ip.InformationProduct(
                kind=kind, title=f"report {kind}", body="…", commission=commission
            ),
        ),
        metadata=auth(**(claims or MARKET)),
    )


async def test_reports_are_for_directors_and_special_reports_for_their_commission(
    stub, auth, customer
):
    report = await write(stub, auth, customer, ip.INFORMATION_PRODUCT_KIND_CUSTOMER_ANALYSIS_REPORT)
    assert report.classification == "director" and report.author == "e-market"
    special = await write(
        stub,
        auth,
        customer,
        ip.INFORMATION_PRODUCT_KIND_CEO_CHANGE_REPORT,
        ip.Commission(department="finance", grantees=["e-finance"]),
    )
    assert special.classification == "commissioned"

    def get(name, claims):
        return stub.GetInformationProduct(
            pb.GetInformationProductRequest(name=name), metadata=auth(**claims)
        )

    assert (await get(report.name, DIRECTOR)) == report
    assert (await get(report.name, VP)) == report
    denied = await refused(get(report.name, MANAGER))
    assert denied.code() == grpc.StatusCode.PERMISSION_DENIED
    assert "director" in denied.details()

    assert (await get(special.name, CFO_OFFICE)) == special
    assert (await get(special.name, MARKET)) == special  # its author
    for claims in (VP, DIRECTOR):
        assert (await refused(get(special.name, claims))).code() == (
            grpc.StatusCode.PERMISSION_DENIED
        )

    async def listed(claims):
        found = await stub.ListInformationProducts(
            pb.ListInformationProductsRequest(parent=customer.name), metadata=auth(**claims)
        )
        return {p.name for p in found.information_products}

    assert await listed(DIRECTOR) == {report.name}
    assert await listed(CFO_OFFICE) == {special.name}
    assert await listed(MANAGER) == set()
    assert await listed(MARKET) == {report.name, special.name}

    elsewhere = await refused(get(report.name, DIRECTOR | {"region": "elsewhere"}))
    assert elsewhere.code() == grpc.StatusCode.NOT_FOUND


async def test_only_the_market_department_writes_and_special_reports_need_a_commission(
    stub, auth, customer
):
    refused_author = await refused(
        write(stub, auth, customer, ip.INFORMATION_PRODUCT_KIND_DYNAMICS_BRIEF, **DIRECTOR)
    )
    assert refused_author.code() == grpc.StatusCode.PERMISSION_DENIED
    error = await refused(
        write(stub, auth, customer, ip.INFORMATION_PRODUCT_KIND_FINANCIAL_ANALYSIS_REPORT)
    )
    assert {v.field for v in field_violations(error)} == {
        "information_product.commission.department",
        "information_product.commission.grantees",
    }
    error = await refused(
        write(
            stub,
            auth,
            customer,
            ip.INFORMATION_PRODUCT_KIND_DYNAMICS_BRIEF,
            ip.Commission(department="finance", grantees=["e-finance"]),
        )
    )
    assert [v.field for v in field_violations(error)] == ["information_product.commission"]
    error = await refused(write(stub, auth, customer, ip.INFORMATION_PRODUCT_KIND_UNSPECIFIED))
    assert [v.field for v in field_violations(error)] == ["information_product.kind"]
