"""Demo data: a few fictional customer enterprises in two regions, loaded through the API.

The archive's customers and one organisation chart come first; each other service's demo
records are a loader in `DEMO_LOADERS` that reads what the archive created from `DemoWorld`.
Request ids are fixed, so loading twice creates nothing new.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2, person_pb2
from mcr.common.v1 import money_pb2

ACTIVE = customer_pb2.LIFECYCLE_STATE_ACTIVE
PROSPECT = customer_pb2.LIFECYCLE_STATE_PROSPECT
SENIOR, MIDDLE = person_pb2.LAYER_SENIOR, person_pb2.LAYER_MIDDLE


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


# The organisation chart of one demo customer: (key, name, parent key).
DEMO_DEPARTMENTS = (
    ("office", "总经理办公室", None),
    ("network", "网络部", "office"),
    ("procurement", "采购部", "office"),
    ("planning", "规划室", "network"),
)
# Its key persons: (key, name, title, department key, layer, veto holder, rising star).
DEMO_PERSONS = (
    ("ceo", "周建国", "总经理", "office", SENIOR, True, False),
    ("cto", "李明", "CTO", "network", SENIOR, False, False),
    ("buyer", "王芳", "采购部主任", "procurement", MIDDLE, False, False),
    ("planner", "陈晓", "规划室副主任", "planning", MIDDLE, False, True),
)
CHART_OF = "nanhai-telecom-guangdong"


@dataclass
class DemoWorld:
    """What the demo loaders share: each service's gRPC target, a token per region (its
    account manager, who owns the region's demo customers) and the archive's resource names
    by demo key."""

    targets: Mapping[str, str]
    tokens: Mapping[str, str]
    customers: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)
    persons: dict[str, str] = field(default_factory=dict)

    def metadata(self, region: str = "cn-south") -> tuple[tuple[str, str]]:
        return (("authorization", f"Bearer {self.tokens[region]}"),)


DemoLoader = Callable[[DemoWorld], Awaitable[None]]
# The other services' demo records, in order, each loader in its own module.
DEMO_LOADERS: list[DemoLoader] = []


def demo_tokens(data_dir: Path) -> dict[str, str]:
    """The tokens the demo loads with: each region's account manager, who owns the region's
    demo customers, and cn-south's manager (setting up a team and starting the annual cycle
    are a manager's)."""
    from mcr_cli.credentials import DEMO_USERS, demo_user_token, dev_token
    from mcr_cli.demo_planning import MANAGER_TOKEN

    tokens = {region: demo_user_token(data_dir, region) for region in DEMO_USERS}
    tokens[MANAGER_TOKEN] = dev_token(data_dir, "e-1000", "cn-south", "/cn-south/enterprise",
                                      ("account_manager", "manager"))  # fmt: skip
    return tokens


async def load_demo(targets: Mapping[str, str], tokens: Mapping[str, str]) -> dict[str, int]:
    """Create the demo customers (groups first), one organisation chart with its key persons,
    then every other service's demo records; returns how many demo customers each region
    has."""
    world = DemoWorld(targets, tokens)
    async with grpc.aio.insecure_channel(targets["archive"]) as channel:
        stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        for demo in sorted(DEMO_CUSTOMERS, key=lambda d: d.group is not None):
            world.customers[demo.key] = await _create_customer(
                stub, demo, world.customers, tokens[demo.region]
            )
        await _create_chart(stub, world, tokens["cn-south"])
    for loader in DEMO_LOADERS:
        await loader(world)
    return dict(Counter(demo.region for demo in DEMO_CUSTOMERS))


async def visible_customers(target: str, token: str) -> int:
    """How many customers the archive shows the holder of `token`."""
    seen, page_token = 0, ""
    async with grpc.aio.insecure_channel(target) as channel:
        stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        while True:
            page = await stub.ListCustomers(
                pb.ListCustomersRequest(page_size=1000, page_token=page_token),
                metadata=_bearer(token),
                timeout=10,
            )
            seen += len(page.customers)
            if not (page_token := page.next_page_token):
                return seen


async def _create_customer(stub, demo: DemoCustomer, names: dict[str, str], token: str) -> str:
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
        metadata=_bearer(token),
        timeout=10,
    )
    return created.name


async def _create_chart(stub, world: DemoWorld, token: str) -> None:
    customer, departments = world.customers[CHART_OF], world.departments
    for key, name, parent in DEMO_DEPARTMENTS:
        created = await stub.CreateDepartment(
            pb.CreateDepartmentRequest(
                parent=customer,
                department=person_pb2.Department(
                    display_name=name, parent_department=departments.get(parent, "")
                ),
                request_id=f"demo-department-{key}",
            ),
            metadata=_bearer(token),
            timeout=10,
        )
        departments[key] = created.name
    for key, name, title, department, layer, veto, rising in DEMO_PERSONS:
        person = person_pb2.Person(
            display_name=name,
            title=title,
            department=departments[department],
            layer=layer,
            veto_holder=veto,
            rising_star=rising,
        )
        created = await stub.CreatePerson(
            pb.CreatePersonRequest(parent=customer, person=person, request_id=f"demo-person-{key}"),
            metadata=_bearer(token),
            timeout=10,
        )
        world.persons[key] = created.name


def _bearer(token: str) -> tuple[tuple[str, str]]:
    return (("authorization", f"Bearer {token}"),)


# The loader modules read DemoWorld from this module, so they are imported after it.
from mcr_cli import demo_contact, demo_insight, demo_planning, demo_satisfaction  # noqa: E402

# Planning and insight first (teams, power maps, goals), then contact, then satisfaction.
DEMO_LOADERS += [demo_planning.load, demo_insight.load, demo_contact.load, demo_satisfaction.load]
