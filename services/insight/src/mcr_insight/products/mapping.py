"""Proto <-> domain for information products."""

from __future__ import annotations

from mcr.insight.v1 import (
    products_pb2,
)
from mcr_core.protobuf import optional_timestamp as timestamp
from mcr_core.protobuf import reverse

from mcr_insight.products.domain import Commission, InformationProduct, ProductKind

# ---------------------------------------------------------------------------------------------
# Information products
# ---------------------------------------------------------------------------------------------

# ProductKind.X ↔ INFORMATION_PRODUCT_KIND_X
_PRODUCT_KIND = {
    kind: products_pb2.InformationProductKind.Value(f"INFORMATION_PRODUCT_KIND_{kind.name}")
    for kind in ProductKind
}


def product_from_proto(
    message: products_pb2.InformationProduct,
) -> tuple[ProductKind | None, str, str, Commission | None]:
    commission = (
        Commission(
            message.commission.department.strip(),
            tuple(g.strip() for g in message.commission.grantees if g.strip()),
        )
        if message.HasField("commission")
        else None
    )
    kind = reverse(_PRODUCT_KIND).get(message.kind)
    return kind, message.title, message.body, commission


def product_to_proto(p: InformationProduct) -> products_pb2.InformationProduct:
    return products_pb2.InformationProduct(
        name=p.name,
        kind=_PRODUCT_KIND[p.kind],
        title=p.title,
        body=p.body,
        classification=p.classification,
        commission=products_pb2.Commission(
            department=p.commission.department, grantees=list(p.commission.grantees)
        )
        if p.commission
        else None,
        author=p.author,
        create_time=timestamp(p.create_time),
    )
