"""The insight service over REST: tiers, their explanation and the tier policies.

Responses are the protobuf resources in JSON (field names as in the .proto files); the typed
request and response models of the full REST API come with the console work.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from mcr.insight.v1 import insight_service_pb2 as pb
from mcr.insight.v1 import insight_service_pb2_grpc as pb_grpc
from mcr.insight.v1 import tier_pb2
from pydantic import BaseModel, ConfigDict, Field

from mcr_gateway import examples
from mcr_gateway.auth import Caller, caller
from mcr_gateway.customers import deadline
from mcr_gateway.examples import ok
from mcr_gateway.protojson import to_json

router = APIRouter(tags=["tiers"])
Who = Annotated[Caller, Depends(caller)]


def _insight(request: Request) -> pb_grpc.InsightServiceStub:
    return request.app.state.insight


_json = to_json


@router.get(
    "/v1/customers/{customer_id}/tierAssignment",
    summary="A customer's tier",
    responses=ok(examples.TIER_ASSIGNMENT),
)
async def get_tier(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    found = await _insight(request).GetTierAssignment(
        pb.GetTierAssignmentRequest(name=f"customers/{customer_id}/tierAssignment"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(found)


@router.get(
    "/v1/customers/{customer_id}/tierAssignment:explain",
    summary="Why the customer is in its tier: every score component and the plugin behind it",
    responses=ok(examples.EXPLANATION),
)
async def explain_tier(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    explained = await _insight(request).ExplainTier(
        pb.ExplainTierRequest(name=f"customers/{customer_id}/tierAssignment"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(explained)


@router.get(
    "/v1/tierPolicies",
    summary="What each tier is owed (the active packs' policies)",
    responses=ok(examples.TIER_POLICIES),
)
async def list_tier_policies(request: Request, who: Who) -> dict[str, Any]:
    policies = await _insight(request).ListTierPolicies(
        pb.ListTierPoliciesRequest(), metadata=who.metadata, timeout=deadline(request)
    )
    return _json(policies)


@router.get(
    "/v1/tierAssignments",
    summary="The tier assignments of the customers you may see",
    description='`filter` takes `tier`, `computed_tier` and `source`, e.g. `tier = "S"`.',
    responses=ok(examples.TIER_ASSIGNMENTS),
)
async def list_tier_assignments(
    request: Request,
    who: Who,
    page_size: Annotated[int, Query(ge=0, le=1000)] = 50,
    page_token: str = "",
    filter: Annotated[str, Query(examples=['tier = "S"'])] = "",
) -> dict[str, Any]:
    page = await _insight(request).ListTierAssignments(
        pb.ListTierAssignmentsRequest(page_size=page_size, page_token=page_token, filter=filter),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(page)


@router.get(
    "/v1/customers/{customer_id}/tierHistory",
    summary="A customer's tier changes, newest first",
    responses=ok(examples.TIER_HISTORY),
)
async def list_tier_history(
    customer_id: str,
    request: Request,
    who: Who,
    page_size: Annotated[int, Query(ge=0, le=1000)] = 50,
    page_token: str = "",
) -> dict[str, Any]:
    page = await _insight(request).ListTierHistory(
        pb.ListTierHistoryRequest(
            parent=f"customers/{customer_id}", page_size=page_size, page_token=page_token
        ),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(page)


@router.get(
    "/v1/tierDefinitions",
    summary="The tier ladder: codes, names in English and Chinese, rank and lowest score",
    responses=ok(examples.TIER_DEFINITIONS),
)
async def list_tier_definitions(request: Request, who: Who) -> dict[str, Any]:
    ladder = await _insight(request).ListTierDefinitions(
        pb.ListTierDefinitionsRequest(), metadata=who.metadata, timeout=deadline(request)
    )
    return _json(ladder)


class Threshold(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tier: str = Field(examples=["S"])
    min_score: float = Field(ge=0, le=100, allow_inf_nan=False, examples=[80])


class CandidateConfiguration(BaseModel):
    """A tier configuration to try: what the packs' defaults are replaced with."""

    model_config = ConfigDict(extra="forbid")
    scoring_plugins: list[str] = Field(default_factory=list, examples=[["mcr_insight.defaults"]])
    dimension_weights: dict[str, Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]] = Field(
        default_factory=dict, examples=[{"enterprise_scale": 0.5, "workforce": 0.5}]
    )
    thresholds: list[Threshold] = Field(
        default_factory=list, examples=[[{"tier": "S", "min_score": 85}]]
    )


@router.post(
    "/v1/tierConfiguration:evaluate",
    summary="What-if (the strategic sandbox): the tiers a configuration would give your region",
    description="Nothing is stored or announced. Customers appear as resource names only.",
    responses=ok(examples.EVALUATION),
)
async def evaluate_tier_configuration(
    body: CandidateConfiguration,
    request: Request,
    who: Who,
    max_customers_per_migration: Annotated[int, Query(ge=0, le=1000)] = 0,
) -> dict[str, Any]:
    candidate = tier_pb2.TierConfiguration(
        scoring_plugins=body.scoring_plugins,
        dimension_weights=body.dimension_weights,
        thresholds=[
            tier_pb2.TierThreshold(tier=t.tier, min_score=t.min_score) for t in body.thresholds
        ],
    )
    evaluation = await _insight(request).EvaluateTierConfiguration(
        pb.EvaluateTierConfigurationRequest(
            configuration=candidate, max_customers_per_migration=max_customers_per_migration
        ),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(evaluation)
