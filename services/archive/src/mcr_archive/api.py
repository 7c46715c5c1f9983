"""The archive's gRPC servicer: proto in, use case, proto out. Nothing else."""

from __future__ import annotations

import asyncio
from datetime import UTC

from google.protobuf.empty_pb2 import Empty
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc as pb_grpc
from mcr_core.auth import current_principal
from mcr_core.errors import InvalidArgument

from mcr_archive.bulk import MAX_BATCH, Exports, Imports
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
    influence_from_proto,
    influence_to_proto,
    money_from_proto,
    money_to_proto,
    move_to_proto,
    person_from_proto,
    person_ids,
    person_to_proto,
    postcard_from_proto,
    postcard_ids,
    postcard_to_proto,
    record_ids,
    sensitive_read_to_proto,
)
from mcr_archive.rows import COLUMNS, CUSTOMERS, DEPARTMENTS, EMPLOYEES, PERSONS, ImportReport
from mcr_archive.service import (
    SEARCH_CRITERIA,
    AccountTeams,
    CustomerArchive,
    EmployeeDirectory,
    History,
    InfluenceNetwork,
    OrgChart,
    PersonArchive,
    PersonMoves,
    Postcards,
    Search,
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
        influence: InfluenceNetwork,
        moves: PersonMoves,
        search: Search,
        imports: Imports,
        exports: Exports,
    ) -> None:
        self.archive = archive
        self.employees = employees
        self.charts = charts
        self.persons = persons
        self.history = history
        self.postcards = postcards
        self.teams = teams
        self.influence = influence
        self.moves = moves
        self.search = search
        self.imports = imports
        self.exports = exports

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

    # --- influence links ----------------------------------------------------------------------

    async def CreateInfluenceLink(self, request: pb.CreateInfluenceLinkRequest, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        draft = influence_from_proto(request.influence_link, customer_id)
        link = await self.influence.create(current_principal(), draft)
        return influence_to_proto(link)

    async def ListInfluenceLinks(self, request: pb.ListInfluenceLinksRequest, context):
        customer_id = customer_id_from_name(request.parent, "parent")
        person_id = None
        if request.person:
            person_customer, person_id = person_ids(request.person, "person")
            if person_customer != customer_id:
                raise InvalidArgument.field("person", "is a person of another customer")
        links = await self.influence.list(current_principal(), customer_id, person_id)
        return pb.ListInfluenceLinksResponse(influence_links=[influence_to_proto(x) for x in links])

    async def DeleteInfluenceLink(self, request: pb.DeleteInfluenceLinkRequest, context):
        customer_id, link_id = parse_name(request.name, "customers/{}/influenceLinks/{}", "name")
        await self.influence.delete(current_principal(), customer_id, link_id)
        return Empty()

    # --- persons-in-context and moves ---------------------------------------------------------

    async def MovePerson(self, request: pb.MovePersonRequest, context):
        customer_id, person_id = person_ids(request.name, "name")
        to_customer = (
            customer_id_from_name(request.customer, "customer") if request.customer else ""
        )
        department_id = None
        if request.department:
            department_customer, department_id = department_ids(request.department, "department")
            if department_customer != (to_customer or customer_id):
                raise InvalidArgument.field(
                    "department", "is not a department of the customer the person moves to"
                )
        elif not to_customer:
            raise InvalidArgument.field("department", "name the department or the customer")
        moved = await self.moves.move(
            current_principal(), customer_id, person_id, to_customer, department_id, request.title
        )
        return person_to_proto(moved)

    async def ListPersonMoves(self, request: pb.ListPersonMovesRequest, context):
        customer_id, person_id = person_ids(request.parent, "parent")
        rows = await self.moves.moves(current_principal(), customer_id, person_id)
        return pb.ListPersonMovesResponse(moves=[move_to_proto(row) for row in rows])

    async def ListPersonContexts(self, request: pb.ListPersonContextsRequest, context):
        (individual,) = parse_name(request.individual, "individuals/{}", "individual")
        persons = await self.moves.contexts(current_principal(), individual)
        return pb.ListPersonContextsResponse(persons=[person_to_proto(p) for p in persons])

    # --- search -------------------------------------------------------------------------------

    async def SearchCustomers(self, request: pb.SearchCustomersRequest, context):
        found, token = await self.search.customers(
            current_principal(), _criteria(request), request.page_token, request.page_size
        )
        return pb.SearchCustomersResponse(
            customers=[customer_to_proto(c) for c in found], next_page_token=token
        )

    async def SearchPersons(self, request: pb.SearchPersonsRequest, context):
        found, token = await self.search.persons(
            current_principal(), _criteria(request), request.page_token, request.page_size
        )
        return pb.SearchPersonsResponse(
            persons=[person_to_proto(p) for p in found], next_page_token=token
        )

    # --- import and export --------------------------------------------------------------------

    async def ImportRecords(self, request_iterator, context):
        principal = current_principal()
        report, started = ImportReport(), None
        async for request in _read_ahead(request_iterator):
            kind = _kind(request.kind)
            if started is None:
                started = (kind, request.dry_run)
            elif started != (kind, request.dry_run):
                raise InvalidArgument.field("kind", "every batch of an import has the same kind")
            if len(request.rows) > MAX_BATCH:
                raise InvalidArgument.field("rows", f"send at most {MAX_BATCH} rows per batch")
            rows = [(row.row, dict(row.values)) for row in request.rows]
            await self.imports.batch(principal, kind, request.dry_run, rows, report)
        if started is None:
            raise InvalidArgument.field("kind", "send at least one batch")
        await self.imports.finish(principal, *started, report)
        return pb.ImportRecordsResponse(
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            rejected=report.rejected,
            errors=[
                pb.RowError(row=e.row, column=e.column, reason=e.reason) for e in report.errors
            ],
            dry_run=started[1],
        )

    async def ExportRecords(self, request: pb.ExportRecordsRequest, context):
        kind = _kind(request.kind)
        customer_id = (
            customer_id_from_name(request.customer, "customer") if request.customer else None
        )
        yield pb.ExportRecordsResponse(columns=COLUMNS[kind])
        async for rows in self.exports.chunks(current_principal(), kind, customer_id):
            yield pb.ExportRecordsResponse(rows=[pb.ExportRow(values=row) for row in rows])


async def _read_ahead(requests, depth: int = 2):
    """The stream's messages, received while the previous batch is written: the client keeps
    reading and sending its file instead of waiting on the database."""
    queue: asyncio.Queue = asyncio.Queue(depth)
    done = object()

    async def receive() -> None:
        try:
            async for request in requests:
                await queue.put(request)
        except Exception as exc:  # handed to the reader, which raises it
            await queue.put(exc)
        await queue.put(done)

    receiving = asyncio.create_task(receive())
    try:
        while (item := await queue.get()) is not done:
            if isinstance(item, Exception):
                raise item
            yield item
    finally:
        receiving.cancel()
        await asyncio.gather(receiving, return_exceptions=True)


_KINDS = {
    pb.RECORD_KIND_CUSTOMERS: CUSTOMERS,
    pb.RECORD_KIND_PERSONS: PERSONS,
    pb.RECORD_KIND_DEPARTMENTS: DEPARTMENTS,
    pb.RECORD_KIND_EMPLOYEES: EMPLOYEES,
}


def _kind(value: int) -> str:
    if value not in _KINDS:
        raise InvalidArgument.field("kind", "must be customers, persons, departments or employees")
    return _KINDS[value]


def _criteria(request) -> dict[str, str]:
    return {name: getattr(request, name) for name in SEARCH_CRITERIA}
