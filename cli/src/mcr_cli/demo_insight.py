"""Insight's demo records for 南海电信广东分公司: the revenue we earned there (archive), the
value-return curve we expect (one year short of it) and the strategic sandbox (our share and the
competitor 华信's per product segment). Both are replaced whole, so loading twice changes
nothing.
"""

from __future__ import annotations

import asyncio

import grpc
from mcr.archive.v1 import archive_service_pb2 as archive_pb
from mcr.archive.v1 import archive_service_pb2_grpc
from mcr.common.v1 import money_pb2
from mcr.insight.v1 import insight_service_pb2 as pb
from mcr.insight.v1 import insight_service_pb2_grpc, monitoring_pb2, sandbox_pb2

from mcr_cli.demo import CHART_OF, DemoWorld

# Revenue we earned, by year (CNY), and the revenue the curve expects: 2025 falls short.
EARNED = {2023: 182_000_000, 2024: 236_000_000, 2025: 258_000_000}
EXPECTED = {2023: 180_000_000, 2024: 230_000_000, 2025: 300_000_000, 2026: 350_000_000,
            2027: 420_000_000, 2028: 480_000_000}  # fmt: skip
# (segment, share of the customer's spend, {vendor: share of the segment}). The segments are
# the book's product lines of an operator (无线接入, 无线核心网, 光网络, 数据通信), by the codes
# the telecom pack names them, so the demo loads with that pack active as without it.
SANDBOX = (
    ("wireless access", 45, {"us": 38, "huaxin": 42}),
    ("wireless core", 25, {"us": 20, "huaxin": 65}),
    ("optical", 20, {"us": 55, "huaxin": 30}),
    ("datacom", 10, {"us": 10, "huaxin": 25}),
)


async def load(world: DemoWorld) -> None:
    customer = world.customers[CHART_OF]
    metadata = world.metadata("cn-south")
    async with grpc.aio.insecure_channel(world.targets["archive"]) as channel:
        archive = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        for year, units in EARNED.items():
            revenue = archive_pb.YearlyRevenue(
                customer=customer,
                year=year,
                amount=money_pb2.Money(currency_code="CNY", units=units),
            )
            await archive.RecordYearlyRevenue(
                archive_pb.RecordYearlyRevenueRequest(revenue=revenue), metadata=metadata
            )
    async with grpc.aio.insecure_channel(world.targets["insight"]) as channel:
        stub = insight_service_pb2_grpc.InsightServiceStub(channel)
        sandbox = sandbox_pb2.StrategicSandbox(
            name=f"{customer}/strategicSandbox",
            segments=[
                sandbox_pb2.ProductSegment(
                    product_segment=segment,
                    spend_share_percent=share,
                    vendor_shares=[
                        sandbox_pb2.VendorShare(vendor=v, share_percent=p)
                        for v, p in vendors.items()
                    ],
                )
                for segment, share, vendors in SANDBOX
            ],
        )
        request = pb.UpdateStrategicSandboxRequest(strategic_sandbox=sandbox)
        await _once_known(lambda: stub.UpdateStrategicSandbox(request, metadata=metadata))
        curve = monitoring_pb2.ValueReturnCurve(
            name=f"{customer}/valueReturnCurve",
            currency_code="CNY",
            points=[
                monitoring_pb2.CurvePoint(year=y, expected_units=u) for y, u in EXPECTED.items()
            ],
        )
        await stub.UpdateValueReturnCurve(
            pb.UpdateValueReturnCurveRequest(value_return_curve=curve), metadata=metadata
        )


async def _once_known(call, attempts: int = 300) -> None:
    """Insight learns the customer from the archive's events, a moment after the archive
    created it: until then it answers "not found"."""
    for _ in range(attempts - 1):
        try:
            await call()
            return
        except grpc.aio.AioRpcError as error:
            if error.code() != grpc.StatusCode.NOT_FOUND:
                raise
        await asyncio.sleep(0.2)
    await call()
