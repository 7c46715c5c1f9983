"""Information products of the market department, classified (director level, or a commission's
grant)."""

from __future__ import annotations

import uuid

from mcr_core.auth import Principal, Record
from mcr_core.errors import (
    NotFound,
    PermissionDenied,
    collect,
)
from mcr_core.listing import decode_page_token, encode_page_token, page_size
from mcr_core.service import Kernel

from mcr_insight.domain import MARKET_DEPARTMENT
from mcr_insight.products import store
from mcr_insight.products.domain import (
    COMMISSIONED,
    Commission,
    InformationProduct,
    ProductKind,
    product_violations,
)
from mcr_insight.service import classified_customer, visible_customer


class InformationProducts:
    """A customer's information products; the ones a caller may not read are not listed."""

    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    def _readable(self, principal: Principal, product: InformationProduct) -> bool:
        record = Record(
            region=product.region,
            classification=product.classification,
            grantees=product.grantees,
        )
        return self.kernel.policy.allows(principal, record)

    async def write_product(
        self,
        principal: Principal,
        customer_id: str,
        kind: ProductKind | None,
        title: str,
        body: str,
        commission: Commission | None,
    ) -> InformationProduct:
        if not principal.has_role(MARKET_DEPARTMENT):
            raise PermissionDenied(
                f"information products come from the market department (role {MARKET_DEPARTMENT!r})"
            )
        collect(product_violations(kind, title, body, commission))
        assert kind is not None
        async with self.kernel.db.transaction() as conn:
            facts = await visible_customer(self.kernel, conn, principal, customer_id)
            product = InformationProduct(
                id=str(uuid.uuid4()),
                customer_id=customer_id,
                region=facts.region,
                kind=kind,
                title=title.strip(),
                body=body,
                commission=commission,
                author=principal.employee_id,
                create_time=self.kernel.clock.now(),
            )
            await store.add_product(conn, product)
            return product

    async def product(
        self, principal: Principal, customer_id: str, product_id: str
    ) -> InformationProduct:
        async with self.kernel.db.read() as conn:
            await classified_customer(self.kernel, conn, principal, customer_id)
            found = await store.get_product(conn, customer_id, product_id)
        if found is None:
            raise NotFound(f"customers/{customer_id}/informationProducts/{product_id} not found")
        if not self._readable(principal, found):
            raise PermissionDenied(
                f"this {found.kind.value} is classified {found.classification!r}: "
                + (
                    "only the employees its commission names may read it"
                    if found.classification == COMMISSIONED
                    else "director level and above"
                )
            )
        return found

    async def products(
        self, principal: Principal, customer_id: str, token: str, size: int
    ) -> tuple[list[InformationProduct], str]:
        """The customer's products the principal may read; the others are not listed."""
        limit = page_size(size)
        start = decode_page_token(token, customer_id)
        offset = int(start[0]) if start else 0
        async with self.kernel.db.read() as conn:
            await classified_customer(self.kernel, conn, principal, customer_id)
            found = await store.products_of(conn, customer_id)
        readable = [p for p in found if self._readable(principal, p)]
        more = offset + limit < len(readable)
        next_token = encode_page_token([str(offset + limit)], customer_id) if more else ""
        return readable[offset : offset + limit], next_token
