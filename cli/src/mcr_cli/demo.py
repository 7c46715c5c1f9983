"""Demo data: a few fictional customer enterprises in two regions, loaded through the API.

Request ids are fixed, so loading twice creates nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass

import grpc
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2
from mcr.common.v1 import money_pb2

ACTIVE = customer_pb2.LIFECYCLE_STATE_ACTIVE
PROSPECT = customer_pb2.LIFECYCLE_STATE_PROSPECT


@dataclass(frozen=True)
class DemoCustomer:
    key: str
    display_name: str
    industry: str
    country_code: str
    region: str
    revenue: tuple[str, int]
    employees: int
    state: int = ACTIVE
    group: str | None = None  # key of the group customer


DEMO_CUSTOMERS = (
    DemoCustomer("nanhai-telecom-group", "南海电信集团", "telecom", "CN", "cn-south",
                 ("CNY", 420_000_000_000), 180_000),
    DemoCustomer("nanhai-telecom-guangdong", "南海电信广东分公司", "telecom", "CN", "cn-south",
                 ("CNY", 61_000_000_000), 26_000, group="nanhai-telecom-group"),
    DemoCustomer("nanhai-telecom-fujian", "南海电信福建分公司", "telecom", "CN", "cn-south",
                 ("CNY", 23_000_000_000), 9_800, group="nanhai-telecom-group"),
    DemoCustomer("pearl-river-hospital", "珠江第一人民医院", "healthcare", "CN", "cn-south",
                 ("CNY", 3_200_000_000), 5_400),
    DemoCustomer("lingnan-bank", "岭南商业银行", "finance", "CN", "cn-south",
                 ("CNY", 38_000_000_000), 12_000),
    DemoCustomer("xinhe-motors", "信和汽车制造", "manufacturing", "CN", "cn-south",
                 ("CNY", 9_500_000_000), 7_300, state=PROSPECT),
    DemoCustomer("rhein-energie", "Rheinland Energie AG", "energy", "DE", "eu-west",
                 ("EUR", 14_000_000_000), 21_000),
    DemoCustomer("atlantico-telecom", "Atlântico Telecom S.A.", "telecom", "PT", "eu-west",
                 ("EUR", 2_100_000_000), 4_100),
)  # fmt: skip


async def load_demo(archive_target: str, tokens: dict[str, str]) -> int:
    """Create the demo customers (groups first); returns how many calls succeeded."""
    names: dict[str, str] = {}
    async with grpc.aio.insecure_channel(archive_target) as channel:
        stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        for demo in sorted(DEMO_CUSTOMERS, key=lambda d: d.group is not None):
            currency, units = demo.revenue
            customer = customer_pb2.Customer(
                display_name=demo.display_name,
                industry=demo.industry,
                country_code=demo.country_code,
                region=demo.region,
                parent_group=names.get(demo.group, "") if demo.group else "",
                annual_revenue=money_pb2.Money(currency_code=currency, units=units),
                employee_count=demo.employees,
                lifecycle_state=demo.state,
            )
            created = await stub.CreateCustomer(
                pb.CreateCustomerRequest(customer=customer, request_id=f"demo-{demo.key}"),
                metadata=(("authorization", f"Bearer {tokens[demo.region]}"),),
                timeout=10,
            )
            names[demo.key] = created.name
    return len(names)
