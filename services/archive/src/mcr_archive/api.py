"""The archive's gRPC servicer: proto in, use case, proto out. Nothing else."""

from __future__ import annotations

from datetime import UTC

from google.protobuf.empty_pb2 import Empty
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc as pb_grpc
from mcr_core.auth import current_principal
from mcr_core.errors import InvalidArgument

from mcr_archive.domain import (
    LifecycleState,
    customer_id_from_name,
    employee_id_from_name,
    parse_name,
)
from mcr_archive.mapping import (
    CREDIT_CAUSE_FROM,
    account_team_from_proto,
    account_team_to_proto,
    credit_change_to_proto,
    customer_from_proto,
    customer_to_proto,
    department_from_proto,
    department_ids,
    department_to_proto,
    employee_from_proto,
    employee_to_proto,
    field_change_to_proto,
    money_from_proto,
    money_to_proto,
    person_from_proto,
    person_ids,
    person_to_proto,
    postcard_from_proto,
    postcard_ids,
    postcard_to_proto,
    record_ids,
    sensitive_read_to_proto,
)
from mcr_archive.service import (
    AccountTeams,
    CustomerArchive,
    EmployeeDirectory,
    History,
    OrgChart,
    PersonArchive,
    Postcards,
)


class ArchiveServicer(pb_grpc.ArchiveServiceServicer):
    def __init__(
        self,
        archive: CustomerArchive,
        employees: EmployeeDirectory,
        charts: OrgChart,
        persons: PersonArchive,
        history: History,
        postcards: Postcards,
        teams: AccountTeams,
    ) -> None:
        self.archive = archive
        self.employees = employees
        self.charts = charts
        self.persons = persons
        self.history = history
        self.postcards = postcards
        self.teams = teams

    async def GetCustomer(self, request: pb.GetCustomerRequest, context):
        customer_id = customer_id_from_name(request.name)
        return customer_to_proto(await self.archive.get(current_principal(), customer_id))

    async def ListCustomers(self, request: pb.ListCustomersRequest, context):
        customers, token = await self.archive.list(
            current_principal(), request.filter, request.page_token, request.page_size
        )
        return pb.ListCustomersResponse(
            customers=[customer_to_proto(c) for c in customers], next_page_token=token
        )

    async def CreateCustomer(self, request: pb.CreateCustomerRequest, context):
        if not request.HasField("customer"):
            raise InvalidArgument.field("customer", "is required")
        principal = current_principal()
        draft = customer_from_proto(
            request.customer,
            customer_id="",
            region=request.customer.region or principal.region,
            default_state=LifecycleState.PROSPECT,
        )
        created = await self.archive.create(principal, draft, request.request_id)
        return customer_to_proto(created)

    async def UpdateCustomer(self, request: pb.UpdateCustomerRequest, context):
        if not request.HasField("customer"):
            raise InvalidArgument.field("customer", "is required")
        customer_id = customer_id_from_name(request.customer.name, "customer.name")
        mask = list(request.update_mask.paths)
        proposed = customer_from_proto(
            request.customer,
            customer_id=customer_id,
            region="",
            # An unset state is an error only where the update writes it; elsewhere the
            # placeholder is never copied.
            default_state=None
            if "lifecycle_state" in mask or not mask
            else LifecycleState.PROSPECT,
        )
        updated = await self.archive.update(
            current_principal(), proposed, mask, request.customer.etag
        )
        return customer_to_proto(updated)

    async def DeleteCustomer(self, request: pb.DeleteCustomerRequest, context):
        customer_id = customer_id_from_name(request.name)
        await self.archive.delete(current_principal(), customer_id, request.etag)
        return Empty()

    async def RateCredit(self, request: pb.RateCreditRequest, context):
        customer_id = customer_id_from_name(request.name)
        cause = CREDIT_CAUSE_FROM.get(request.cause, "")
        rated = await self.archive.rate_credit(
            current_principal(), customer_id, request.rating.strip().upper(), cause, request.note
        )
        return customer_to_proto(rated)

    async def RecordYearlyRevenue(self, request: pb.RecordYearlyRevenueRequest, context):
        revenue = request.revenue
        customer_id = customer_id_from_name(revenue.customer, "revenue.customer")
        amount = money_from_proto(revenue.amount) if revenue.HasField("amount") else None
        await self.archive.record_revenue(current_principal(), customer_id, revenue.year, amount)
        return revenue

    async def ListYearlyRevenue(self, request: pb.ListYearlyRevenueRequest, context):
        customer_id = customer_id_from_name(request.name)
        years = await self.archive.revenue(current_principal(), customer_id)
        return pb.ListYearlyRevenueResponse(
            years=[
                pb.YearlyRevenue(customer=request.name, year=year, amount=money_to_proto(amount))
                for year, amount in years
            ]
        )

    async def ListCreditHistory(self, request: pb.ListCreditHistoryRequest, context):
        customer_id = customer_id_from_name(request.name)
        rows = await self.archive.credit_history(current_principal(), customer_id)
        return pb.ListCreditHistoryResponse(changes=[credit_change_to_proto(r) for r in rows])

    # --- employees and handover ---------------------------------------------------------------

    async def GetEmployee(self, request: pb.GetEmployeeRequest, context):
        employee_id = employee_id_from_name(request.name, "name")
        return employee_to_proto(await self.employees.get(current_principal(), employee_id))

    async def ListEmployees(self, request: pb.ListEmployeesRequest, context):
        employees, token = await self.employees.list(
            current_principal(), request.page_token, request.page_size
        )
        return pb.ListEmployeesResponse(
            employees=[employee_to_proto(e) for e in employees], next_page_token=token
        )

    async def UpdateEmployee(self, request: pb.UpdateEmployeeRequest, context):
        if not request.HasField("employee"):
            raise InvalidArgument.field("employee", "is required")
        proposed = employee_from_proto(request.employee)
        updated = await self.employees.update(
            current_principal(), proposed, list(request.update_mask.paths)
        )
        return employee_to_proto(updated)

    async def TransferPortfolio(self, request: pb.TransferPortfolioRequest, context):
        from_id = employee_id_from_name(request.from_employee, "from_employee")
        to_id = (
            employee_id_from_name(request.to_employee, "to_employee") if request.to_employee else ""
        )
        customers, persons = await self.employees.transfer_portfolio(
            current_principal(), from_id, to_id, request.reason
        )
        return pb.TransferPortfolioResponse(
            customers=[c.name for c in customers], persons=[p.name for p in persons]
        )

    # --- organisation charts ------------------------------------------------------------------

    async def CreateDepartment(self, request: pb.CreateDepartmentRequest, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        draft = department_from_proto(request.department, customer_id)
        created = await self.charts.create(current_principal(), draft, request.request_id)
        return department_to_proto(created)

    async def ListDepartments(self, request: pb.ListDepartmentsRequest, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        departments = await self.charts.list(current_principal(), customer_id)
        return pb.ListDepartmentsResponse(departments=[department_to_proto(d) for d in departments])

    async def UpdateDepartment(self, request: pb.UpdateDepartmentRequest, context):
        customer_id, department_id = department_ids(request.department.name, "department.name")
        proposed = department_from_proto(request.department, customer_id, department_id)
        updated = await self.charts.update(
            current_principal(), proposed, list(request.update_mask.paths), request.department.etag
        )
        return department_to_proto(updated)

    async def DeleteDepartment(self, request: pb.DeleteDepartmentRequest, context):
        customer_id, department_id = department_ids(request.name, "name")
        await self.charts.delete(current_principal(), customer_id, department_id)
        return Empty()

    # --- persons ------------------------------------------------------------------------------

    async def GetPerson(self, request: pb.GetPersonRequest, context):
        customer_id, person_id = person_ids(request.name, "name")
        return person_to_proto(await self.persons.get(current_principal(), customer_id, person_id))

    async def ListPersons(self, request: pb.ListPersonsRequest, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        persons, token = await self.persons.list(
            current_principal(), customer_id, request.page_token, request.page_size
        )
        return pb.ListPersonsResponse(
            persons=[person_to_proto(p) for p in persons], next_page_token=token
        )

    async def CreatePerson(self, request: pb.CreatePersonRequest, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        if not request.HasField("person"):
            raise InvalidArgument.field("person", "is required")
        draft = person_from_proto(request.person, customer_id)
        created = await self.persons.create(current_principal(), draft, request.request_id)
        return person_to_proto(created)

    async def UpdatePerson(self, request: pb.UpdatePersonRequest, context):
        if not request.HasField("person"):
            raise InvalidArgument.field("person", "is required")
        customer_id, person_id = person_ids(request.person.name, "person.name")
        proposed = person_from_proto(request.person, customer_id, person_id)
        updated = await self.persons.update(
            current_principal(), proposed, list(request.update_mask.paths), request.person.etag
        )
        return person_to_proto(updated)

    async def DeletePerson(self, request: pb.DeletePersonRequest, context):
        customer_id, person_id = person_ids(request.name, "name")
        await self.persons.delete(current_principal(), customer_id, person_id, request.etag)
        return Empty()

    # --- field history ------------------------------------------------------------------------

    async def ListFieldHistory(self, request: pb.ListFieldHistoryRequest, context):
        ids = record_ids(request.name)
        as_of = request.as_of.ToDatetime(tzinfo=UTC) if request.HasField("as_of") else None
        changes, token, values = await self.history.list(
            current_principal(), ids, request.name, as_of, request.page_token, request.page_size
        )
        return pb.ListFieldHistoryResponse(
            changes=[field_change_to_proto(row) for row in changes],
            next_page_token=token,
            values=values,
        )

    # --- personal postcards -------------------------------------------------------------------

    async def GetPostcard(self, request: pb.GetPostcardRequest, context):
        customer_id, person_id = postcard_ids(request.name, "name")
        postcard = await self.postcards.get(
            current_principal(), customer_id, person_id, request.reason
        )
        return postcard_to_proto(postcard)

    async def UpdatePostcard(self, request: pb.UpdatePostcardRequest, context):
        if not request.HasField("postcard"):
            raise InvalidArgument.field("postcard", "is required")
        proposed = postcard_from_proto(request.postcard)
        updated = await self.postcards.update(
            current_principal(), proposed, list(request.update_mask.paths), request.postcard.etag
        )
        return postcard_to_proto(updated)

    async def ListSensitiveReads(self, request: pb.ListSensitiveReadsRequest, context):
        customer_id, person_id = person_ids(request.parent, "parent")
        reads = await self.postcards.sensitive_reads(current_principal(), customer_id, person_id)
        return pb.ListSensitiveReadsResponse(reads=[sensitive_read_to_proto(r) for r in reads])

    # --- account teams ------------------------------------------------------------------------

    async def GetAccountTeam(self, request: pb.GetAccountTeamRequest, context):
        (customer_id,) = parse_name(request.name, "customers/{}/accountTeam", "name")
        return account_team_to_proto(await self.teams.get(current_principal(), customer_id))

    async def UpdateAccountTeam(self, request: pb.UpdateAccountTeamRequest, context):
        if not request.HasField("account_team"):
            raise InvalidArgument.field("account_team", "is required")
        proposed = account_team_from_proto(request.account_team)
        team = await self.teams.update(current_principal(), proposed, request.account_team.etag)
        return account_team_to_proto(team)
