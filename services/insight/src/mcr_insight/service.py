"""What insight's use cases share: the customer a caller may see, and the packs' first valid
answer to a hook. Each area's use cases are in its own `service` module (`tiers`, `sandbox`,
`monitoring`, `analyses`, `products`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from mcr_core.auth import Principal, Record
from mcr_core.errors import FailedPrecondition, NotFound
from mcr_core.plugins import PluginFailure
from mcr_core.service import Kernel
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_insight import store
from mcr_insight.domain import CustomerFacts

T = TypeVar("T")


async def visible_customer(
    kernel: Kernel, conn: AsyncConnection, principal: Principal, customer_id: str
) -> CustomerFacts:
    """The archive's facts about a customer of the caller's region; another region's customer
    is "not found": its existence is not disclosed."""
    facts = await store.get_facts(conn, customer_id)
    if facts is None or not kernel.policy.allows(principal, Record(region=facts.region)):
        raise NotFound(f"customers/{customer_id} not found")
    return facts


def answered(found: T | None, failures: Sequence[PluginFailure], what: str) -> T:
    """A hook's answer, or FAILED_PRECONDITION naming every plugin that failed to give `what`."""
    if found is None:
        reasons = "; ".join(f"{f.plugin}: {f.reason}" for f in failures) or "none answered"
        raise FailedPrecondition(f"no active pack {what} ({reasons})")
    return found
