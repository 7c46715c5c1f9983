"""Satisfaction's gRPC servicer: proto in, use case, proto out. Nothing else."""

from __future__ import annotations

from mcr.satisfaction.v1 import satisfaction_service_pb2 as pb
from mcr.satisfaction.v1 import satisfaction_service_pb2_grpc as pb_grpc
from mcr_core.auth import current_principal
from mcr_core.errors import InvalidArgument

from mcr_satisfaction import domain, mapping
from mcr_satisfaction.domain import Party, Rating
from mcr_satisfaction.service import NewIssue, Satisfaction


def _issue_id(name: str) -> str:
    return domain.id_from_name(name, "issues", "name")


class SatisfactionServicer(pb_grpc.SatisfactionServiceServicer):
    def __init__(self, satisfaction: Satisfaction) -> None:
        self.satisfaction = satisfaction

    async def ListIssues(self, request: pb.ListIssuesRequest, context):
        page, token = await self.satisfaction.list_issues(
            current_principal(),
            request.parent,
            request.filter,
            request.page_token,
            request.page_size,
        )
        return pb.ListIssuesResponse(
            issues=[mapping.issue_to_proto(i) for i in page], next_page_token=token
        )

    async def CreateIssue(self, request: pb.CreateIssueRequest, context):
        if not request.HasField("issue"):
            raise InvalidArgument.field("issue", "is required")
        issue = request.issue
        contract = (
            request.contract_resolution_time.ToTimedelta()
            if request.HasField("contract_resolution_time")
            else None
        )
        acceptor = None
        if request.acceptor:
            if not request.acceptor_org_unit.startswith("/"):
                raise InvalidArgument.field("acceptor_org_unit", "is required with an acceptor")
            acceptor = Party(
                domain.id_from_name(request.acceptor, "employees", "acceptor"),
                request.acceptor_org_unit,
            )
        new = NewIssue(
            customer_id=domain.customer_id_from_name(issue.customer, "issue.customer"),
            person=issue.person,
            title=issue.title,
            type=issue.type,
            urgency=issue.urgency,
            source=request.source,
            major=request.major,
            key_person=request.key_person,
            contract_resolution=contract,
            acceptor=acceptor,
        )
        created = await self.satisfaction.create_issue(current_principal(), new, request.request_id)
        return mapping.detail_to_proto(created)

    async def GetIssue(self, request: pb.GetIssueRequest, context):
        issue = await self.satisfaction.get_issue(current_principal(), _issue_id(request.name))
        return mapping.detail_to_proto(issue)

    async def AcceptIssue(self, request: pb.AcceptIssueRequest, context):
        issue = await self.satisfaction.accept(
            current_principal(), _issue_id(request.name), request.valid, request.type
        )
        return mapping.detail_to_proto(issue)

    async def DistributeIssue(self, request: pb.DistributeIssueRequest, context):
        issue = await self.satisfaction.distribute(
            current_principal(),
            _issue_id(request.name),
            request.receiver,
            request.receiver_org_unit,
        )
        return mapping.detail_to_proto(issue)

    async def StartIssueHandling(self, request: pb.StartIssueHandlingRequest, context):
        issue = await self.satisfaction.start_handling(
            current_principal(),
            _issue_id(request.name),
            request.case_reference,
            request.plan,
            request.customer_consent,
            request.in_contract,
        )
        return mapping.detail_to_proto(issue)

    async def SearchCaseLibrary(self, request: pb.SearchCaseLibraryRequest, context):
        guides = await self.satisfaction.case_guides(current_principal(), _issue_id(request.name))
        return pb.SearchCaseLibraryResponse(
            guides=[
                pb.CaseGuide(reference=g.reference, summary=g.summary, plugin=plugin)
                for plugin, g in guides
            ]
        )

    async def EscalateIssue(self, request: pb.EscalateIssueRequest, context):
        issue = await self.satisfaction.escalate(
            current_principal(),
            _issue_id(request.name),
            request.reason,
            request.owner,
            request.owner_org_unit,
        )
        return mapping.detail_to_proto(issue)

    async def ResolveIssue(self, request: pb.ResolveIssueRequest, context):
        issue = await self.satisfaction.resolve(
            current_principal(), _issue_id(request.name), request.resolution, request.new_needs
        )
        return mapping.detail_to_proto(issue)

    async def RevisitIssue(self, request: pb.RevisitIssueRequest, context):
        issue = await self.satisfaction.revisit(
            current_principal(),
            _issue_id(request.name),
            request.contact,
            request.score,
            request.comment,
            request.person,
        )
        return mapping.detail_to_proto(issue)

    async def RecordQaTraceback(self, request: pb.RecordQaTracebackRequest, context):
        issue = await self.satisfaction.trace_back(
            current_principal(), _issue_id(request.name), request.accountable, request.finding
        )
        return mapping.detail_to_proto(issue)

    async def CloseIssue(self, request: pb.CloseIssueRequest, context):
        issue = await self.satisfaction.close(current_principal(), _issue_id(request.name))
        return mapping.detail_to_proto(issue)

    async def CreateSurvey(self, request: pb.CreateSurveyRequest, context):
        survey = request.survey
        activity_end = (
            mapping.from_timestamp(request.activity_end_time)
            if request.HasField("activity_end_time")
            else None
        )
        row = await self.satisfaction.create_survey(
            current_principal(),
            survey.customer,
            survey.kind,
            list(survey.dimensions),
            request.industry,
            request.annual_order_value_usd,
            activity_end,
        )
        return mapping.survey_to_proto(row)

    async def PlanProjectSurveys(self, request: pb.PlanProjectSurveysRequest, context):
        rows = await self.satisfaction.plan_project(
            current_principal(), list(request.customers), request.large_project, request.industry
        )
        return pb.PlanProjectSurveysResponse(surveys=[mapping.survey_to_proto(r) for r in rows])

    async def CreateSurveyAnswer(self, request: pb.CreateSurveyAnswerRequest, context):
        answer = request.answer
        ratings = {
            key: Rating(value.expectation, value.perception)
            for key, value in answer.ratings.items()
        }
        return await self.satisfaction.answer(
            current_principal(),
            domain.id_from_name(request.parent, "surveys", "parent"),
            answer.person,
            answer.key_person,
            answer.level,
            answer.mode,
            ratings,
        )

    async def CreateVocItem(self, request: pb.CreateVocItemRequest, context):
        item = request.voc_item
        created = await self.satisfaction.create_voc(
            current_principal(), item.customer, item.kind, item.source, item.summary
        )
        return mapping.voc_to_proto(created)

    async def AdvanceVocItem(self, request: pb.AdvanceVocItemRequest, context):
        item = await self.satisfaction.advance_voc(
            current_principal(),
            domain.id_from_name(request.name, "vocItems", "name"),
            request.stage,
            request.issue,
        )
        return mapping.voc_to_proto(item)

    async def CreateImprovementItem(self, request: pb.CreateImprovementItemRequest, context):
        item = request.improvement_item
        created = await self.satisfaction.create_improvement(
            current_principal(), item.tier, item.shortfall, item.summary, item.priority
        )
        return mapping.improvement_to_proto(created)

    async def AdvanceImprovementItem(self, request: pb.AdvanceImprovementItemRequest, context):
        item = await self.satisfaction.advance_improvement(
            current_principal(),
            domain.id_from_name(request.name, "improvementItems", "name"),
            request.state,
        )
        return mapping.improvement_to_proto(item)

    async def ListImprovementItems(self, request: pb.ListImprovementItemsRequest, context):
        items = await self.satisfaction.improvements(current_principal(), request.state)
        return pb.ListImprovementItemsResponse(
            improvement_items=[mapping.improvement_to_proto(i) for i in items]
        )

    async def CheckWeeklyIssueQuota(self, request: pb.CheckWeeklyIssueQuotaRequest, context):
        if not request.HasField("week_start_time"):
            raise InvalidArgument.field("week_start_time", "is required")
        quota, recorded = await self.satisfaction.weekly_quota(
            current_principal(),
            request.customer,
            request.annual_revenue_usd,
            mapping.from_timestamp(request.week_start_time),
        )
        return pb.WeeklyIssueQuota(
            customer=request.customer, quota=quota, recorded=recorded, met=recorded >= quota
        )

    async def GetTeamKpis(self, request: pb.GetTeamKpisRequest, context):
        for field in ("start_time", "end_time"):
            if not request.HasField(field):
                raise InvalidArgument.field(field, "is required")
        kpis = await self.satisfaction.kpis(
            current_principal(),
            request.team,
            mapping.from_timestamp(request.start_time),
            mapping.from_timestamp(request.end_time),
        )
        return mapping.kpis_to_proto(request.team, kpis)

    async def GetSurveyResults(self, request: pb.GetSurveyResultsRequest, context):
        surveys, respondents, results = await self.satisfaction.survey_results(
            current_principal(), request.parent, request.survey
        )
        return pb.SurveyResults(
            parent=request.parent,
            survey_count=surveys,
            respondents=respondents,
            dimensions=[
                pb.DimensionResult(
                    dimension=r.dimension,
                    mean_expectation=r.mean_expectation,
                    mean_perception=r.mean_perception,
                    gap=r.gap,
                    respondents=r.respondents,
                )
                for r in results
            ],
        )
