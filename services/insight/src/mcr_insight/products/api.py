"""The products area's part of InsightService: proto in, use case, proto out. Nothing else."""

from __future__ import annotations

from mcr.insight.v1 import insight_service_pb2 as pb
from mcr_core import names
from mcr_core.auth import current_principal

from mcr_insight.products.mapping import product_from_proto, product_to_proto
from mcr_insight.products.service import InformationProducts


class ProductServicer:
    """Information products."""

    def __init__(self, products: InformationProducts) -> None:
        self.products = products

    async def CreateInformationProduct(self, request: pb.CreateInformationProductRequest, context):
        customer_id = names.customer_id(request.parent, "parent")
        product = await self.products.write_product(
            current_principal(),
            customer_id,
            *product_from_proto(request.information_product),
        )
        return product_to_proto(product)

    async def GetInformationProduct(self, request: pb.GetInformationProductRequest, context):
        customer_id, product_id = names.parse(
            request.name, "customers/{}/informationProducts/{}", "name"
        )
        product = await self.products.product(current_principal(), customer_id, product_id)
        return product_to_proto(product)

    async def ListInformationProducts(self, request: pb.ListInformationProductsRequest, context):
        customer_id = names.customer_id(request.parent, "parent")
        page, token = await self.products.products(
            current_principal(), customer_id, request.page_token, request.page_size
        )
        return pb.ListInformationProductsResponse(
            information_products=[product_to_proto(p) for p in page],
            next_page_token=token,
        )
