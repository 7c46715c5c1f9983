"""The assessments part of PlanningService: proto in, use case, proto out."""

from __future__ import annotations

from mcr.planning.v1 import planning_service_pb2 as pb
from mcr_core import names
from mcr_core.auth import current_principal
from mcr_core.errors import InvalidArgument
from mcr_core.protobuf import time_field

from mcr_planning.assessments.mapping import assessment_to_proto, derived_support_to_proto
from mcr_planning.assessments.service import Assessments


class AssessmentServicer:
    """Assessments of key persons."""

    def __init__(self, assessments: Assessments) -> None:
        self.assessments = assessments

    async def CreateAssessment(self, request, context):
        customer_id, _ = names.person_ids(request.parent, "parent")
        a = request.assessment
        row = await self.assessments.assess(
            current_principal(),
            customer_id,
            request.parent,
            dict(a.dimensions),
            list(a.evidence_key_events),
            dict(a.competitor_support),
            a.note.strip(),
        )
        return assessment_to_proto(row)

    async def ListAssessments(self, request, context):
        customer_id, _ = names.person_ids(request.parent, "parent")
        rows = await self.assessments.assessments(current_principal(), customer_id, request.parent)
        return pb.ListAssessmentsResponse(assessments=[assessment_to_proto(r) for r in rows])

    async def SpotCheckAssessment(self, request, context):
        customer_id, person_id, assessment_id = names.parse(
            request.name, "customers/{}/persons/{}/assessments/{}", "name"
        )
        person = f"customers/{customer_id}/persons/{person_id}"
        row = await self.assessments.spot_check(
            current_principal(), customer_id, person, assessment_id, request.result
        )
        return assessment_to_proto(row)

    async def GetDerivedSupport(self, request, context):
        customer_id, person_id = names.parse(
            request.name, "customers/{}/persons/{}/derivedSupport", "name"
        )
        person = f"customers/{customer_id}/persons/{person_id}"
        levels, plugin = await self.assessments.derived_levels(
            current_principal(), customer_id, person
        )
        return derived_support_to_proto(request.name, levels, plugin)

    async def CreateSupportOverride(self, request, context):
        customer_id, person_id = names.parse(
            request.parent, "customers/{}/persons/{}/derivedSupport", "parent"
        )
        person = f"customers/{customer_id}/persons/{person_id}"
        o = request.support_override
        try:
            expire = time_field(o, "expire_time")
        except (ValueError, OverflowError):
            raise InvalidArgument.field("support_override.expire_time", "not a time") from None
        await self.assessments.override(
            current_principal(), customer_id, person, o.dimension, o.level, o.justification, expire
        )
        levels, plugin = await self.assessments.derived_levels(
            current_principal(), customer_id, person
        )
        return derived_support_to_proto(request.parent, levels, plugin)
