"""The monitoring area's part of InsightService: proto in, use case, proto out. Nothing else."""

from __future__ import annotations

from mcr.insight.v1 import insight_service_pb2 as pb
from mcr_core import names
from mcr_core.auth import current_principal

from mcr_insight.monitoring.mapping import (
    applicability_to_proto,
    curve_from_proto,
    curve_to_proto,
    due_review_to_proto,
    retrospective_to_proto,
    snapshot_to_proto,
)
from mcr_insight.monitoring.service import Reviews, Snapshots, ValueReturn


class MonitoringServicer:
    """Portfolio monitoring: snapshots, retrospectives, value-return curves, reviews and
    industry applicability."""

    def __init__(self, snapshots: Snapshots, value_return: ValueReturn, reviews: Reviews) -> None:
        self.snapshots = snapshots
        self.value_return = value_return
        self.reviews = reviews

    async def TakePortfolioSnapshot(self, request: pb.TakePortfolioSnapshotRequest, context):
        return snapshot_to_proto(await self.snapshots.take_snapshot(current_principal()))

    async def ListPortfolioSnapshots(self, request: pb.ListPortfolioSnapshotsRequest, context):
        page, token = await self.snapshots.snapshots(
            current_principal(), request.page_token, request.page_size
        )
        return pb.ListPortfolioSnapshotsResponse(
            portfolio_snapshots=[snapshot_to_proto(s) for s in page],
            next_page_token=token,
        )

    async def ListRetrospectiveTasks(self, request: pb.ListRetrospectiveTasksRequest, context):
        tasks = await self.snapshots.retrospectives(current_principal())
        return pb.ListRetrospectiveTasksResponse(
            retrospective_tasks=[retrospective_to_proto(t) for t in tasks]
        )

    async def GetValueReturnCurve(self, request: pb.GetValueReturnCurveRequest, context):
        customer_id = names.parse_one(request.name, "customers/{}/valueReturnCurve", "name")
        found = await self.value_return.value_return(current_principal(), customer_id)
        return curve_to_proto(*found)

    async def UpdateValueReturnCurve(self, request: pb.UpdateValueReturnCurveRequest, context):
        message = request.value_return_curve
        customer_id = names.parse_one(
            message.name, "customers/{}/valueReturnCurve", "value_return_curve.name"
        )
        found = await self.value_return.update_curve(
            current_principal(), customer_id, curve_from_proto(message)
        )
        return curve_to_proto(*found)

    async def RecordCustomerReview(self, request: pb.RecordCustomerReviewRequest, context):
        customer_id = names.customer_id(request.parent, "parent")
        review = await self.reviews.record_review(current_principal(), customer_id)
        return due_review_to_proto(review)

    async def ListDueReviews(self, request: pb.ListDueReviewsRequest, context):
        page, token = await self.reviews.due_reviews(
            current_principal(), request.page_token, request.page_size
        )
        return pb.ListDueReviewsResponse(
            due_reviews=[due_review_to_proto(r) for r in page], next_page_token=token
        )

    async def GetIndustryApplicability(self, request: pb.GetIndustryApplicabilityRequest, context):
        customer_id = names.parse_one(request.name, "customers/{}/industryApplicability", "name")
        facts, found, plugin = await self.reviews.applicability(current_principal(), customer_id)
        return applicability_to_proto(facts, found, plugin)
