"""Proto <-> domain mapping for the archive, shared by the servicer and the events."""

from __future__ import annotations

from mcr.archive.v1 import (
    account_team_pb2,
    archive_service_pb2,
    customer_pb2,
    employee_pb2,
    person_pb2,
    postcard_pb2,
)
from mcr.common.v1 import money_pb2
from mcr_core.errors import InvalidArgument

from mcr_archive.domain import (
    DECISION_ROLES,
    EMPLOYEE_PREFIX,
    NAME_PREFIX,
    SEVEN_ROLES,
    AccountTeam,
    CareerStep,
    Customer,
    DecisionRole,
    Department,
    Employee,
    InfluenceLink,
    Layer,
    LifecycleState,
    Money,
    Need,
    Person,
    Postcard,
    TeamMember,
    customer_id_from_name,
    employee_id_from_name,
    parse_name,
)

_STATE_TO_PROTO = {
    LifecycleState.PROSPECT: customer_pb2.LIFECYCLE_STATE_PROSPECT,
    LifecycleState.ACTIVE: customer_pb2.LIFECYCLE_STATE_ACTIVE,
    LifecycleState.DORMANT: customer_pb2.LIFECYCLE_STATE_DORMANT,
    LifecycleState.CLOSED: customer_pb2.LIFECYCLE_STATE_CLOSED,
}
_STATE_FROM_PROTO = {v: k for k, v in _STATE_TO_PROTO.items()}
_OWNERSHIP = {
    "unspecified": customer_pb2.OWNERSHIP_TYPE_UNSPECIFIED,
    "private": customer_pb2.OWNERSHIP_TYPE_PRIVATE,
    "state_owned": customer_pb2.OWNERSHIP_TYPE_STATE_OWNED,
    "foreign": customer_pb2.OWNERSHIP_TYPE_FOREIGN,
    "listed": customer_pb2.OWNERSHIP_TYPE_LISTED,
}
_OWNERSHIP_FROM = {v: k for k, v in _OWNERSHIP.items()}
CREDIT_CAUSE_FROM = {
    customer_pb2.CREDIT_EVENT_CAUSE_REVIEW: "review",
    customer_pb2.CREDIT_EVENT_CAUSE_BAD_DEBT: "bad_debt",
    customer_pb2.CREDIT_EVENT_CAUSE_LONG_OVERDUE: "long_overdue",
}
_CREDIT_CAUSE = {v: k for k, v in CREDIT_CAUSE_FROM.items()}


def _enum(mapping: dict[int, str], value: int, field: str) -> str:
    if value not in mapping:
        raise InvalidArgument.field(field, "has an unknown value")
    return mapping[value]


def lifecycle_from_proto(value: int, default: LifecycleState | None) -> LifecycleState:
    if value == customer_pb2.LIFECYCLE_STATE_UNSPECIFIED and default is not None:
        return default
    if value not in _STATE_FROM_PROTO:
        allowed = ", ".join(map(customer_pb2.LifecycleState.Name, _STATE_FROM_PROTO))
        raise InvalidArgument.field("customer.lifecycle_state", f"must be one of {allowed}")
    return _STATE_FROM_PROTO[value]


def lifecycle_filter_value(text: str) -> str:
    """`LIFECYCLE_STATE_ACTIVE` or `ACTIVE` (as in a filter) to the stored spelling."""
    name = text.upper().removeprefix("LIFECYCLE_STATE_")
    try:
        return LifecycleState[name].value
    except KeyError as exc:
        raise InvalidArgument.field("filter", f"unknown lifecycle_state {text!r}") from exc


def customer_to_proto(customer: Customer) -> customer_pb2.Customer:
    message = customer_pb2.Customer(
        name=customer.name,
        display_name=customer.display_name,
        industry=customer.industry,
        country_code=customer.country_code,
        region=customer.region,
        parent_group=f"{NAME_PREFIX}{customer.parent_group_id}" if customer.parent_group_id else "",
        employee_count=customer.employee_count,
        lifecycle_state=_STATE_TO_PROTO[customer.lifecycle_state],
        etag=customer.etag,
        owner=f"{EMPLOYEE_PREFIX}{customer.owner_id}" if customer.owner_id else "",
        tier=customer.tier,
        ownership_type=_OWNERSHIP[customer.ownership_type],
        province=customer.province,
        credit_rating=customer.credit_rating,
    )
    if customer.annual_revenue is not None:
        message.annual_revenue.CopyFrom(money_to_proto(customer.annual_revenue))
    _set_times(message, customer)
    return message


def _set_times(message, record) -> None:
    for field in ("create_time", "update_time"):
        if (moment := getattr(record, field)) is not None:
            getattr(message, field).FromDatetime(moment)


def customer_from_proto(
    message: customer_pb2.Customer,
    *,
    customer_id: str,
    region: str,
    default_state: LifecycleState | None,
) -> Customer:
    """The fields a caller may set, as a domain Customer (ids and times come from the server)."""
    parent = None
    if message.parent_group:
        parent = customer_id_from_name(message.parent_group, "customer.parent_group")
    revenue = None
    if message.HasField("annual_revenue"):
        revenue = money_from_proto(message.annual_revenue)
    return Customer(
        id=customer_id,
        display_name=message.display_name.strip(),
        region=region,
        industry=message.industry,
        country_code=message.country_code.upper(),
        parent_group_id=parent,
        annual_revenue=revenue,
        employee_count=message.employee_count,
        lifecycle_state=lifecycle_from_proto(message.lifecycle_state, default_state),
        owner_id=employee_id_from_name(message.owner, "customer.owner") if message.owner else "",
        ownership_type=_enum(_OWNERSHIP_FROM, message.ownership_type, "customer.ownership_type"),
        province=message.province.strip(),
    )


def employee_to_proto(employee: Employee) -> employee_pb2.Employee:
    message = employee_pb2.Employee(
        name=employee.name,
        display_name=employee.display_name,
        region=employee.region,
        org_unit=employee.org_unit,
        job_grade=employee.job_grade,
        active=employee.active,
        manager=f"{EMPLOYEE_PREFIX}{employee.manager_id}" if employee.manager_id else "",
    )
    _set_times(message, employee)
    return message


def employee_from_proto(message: employee_pb2.Employee) -> Employee:
    return Employee(
        employee_id=employee_id_from_name(message.name, "employee.name"),
        region="",
        org_unit="",
        display_name=message.display_name.strip(),
        job_grade=message.job_grade,
        active=message.active,
    )


def department_to_proto(department: Department) -> person_pb2.Department:
    parent = department.parent_id
    message = person_pb2.Department(
        name=department.name,
        display_name=department.display_name,
        parent_department=f"{NAME_PREFIX}{department.customer_id}/departments/{parent}"
        if parent
        else "",
        etag=department.etag,
        covering_employee=f"{EMPLOYEE_PREFIX}{department.covering_employee_id}"
        if department.covering_employee_id
        else "",
    )
    _set_times(message, department)
    return message


def department_ids(name: str, field: str) -> tuple[str, str]:
    customer_id, department_id = parse_name(name, "customers/{}/departments/{}", field)
    return customer_id, department_id


def department_from_proto(
    message: person_pb2.Department, customer_id: str, department_id: str = ""
) -> Department:
    parent = None
    if message.parent_department:
        parent_customer, parent = department_ids(
            message.parent_department, "department.parent_department"
        )
        if parent_customer != customer_id:
            raise InvalidArgument.field(
                "department.parent_department", "is a department of another customer"
            )
    covering = ""
    if message.covering_employee:
        covering = employee_id_from_name(message.covering_employee, "department.covering_employee")
    return Department(
        id=department_id,
        customer_id=customer_id,
        display_name=message.display_name.strip(),
        parent_id=parent,
        covering_employee_id=covering,
    )


_LAYER_TO_PROTO = {
    Layer.UNSPECIFIED: person_pb2.LAYER_UNSPECIFIED,
    Layer.SENIOR: person_pb2.LAYER_SENIOR,
    Layer.MIDDLE: person_pb2.LAYER_MIDDLE,
    Layer.GRASSROOTS: person_pb2.LAYER_GRASSROOTS,
}
_LAYER_FROM_PROTO = {v: k for k, v in _LAYER_TO_PROTO.items()}


def person_ids(name: str, field: str) -> tuple[str, str]:
    customer_id, person_id = parse_name(name, "customers/{}/persons/{}", field)
    return customer_id, person_id


def person_to_proto(person: Person) -> person_pb2.Person:
    department = person.department_id
    message = person_pb2.Person(
        name=person.name,
        display_name=person.display_name,
        title=person.title,
        department=f"{NAME_PREFIX}{person.customer_id}/departments/{department}"
        if department
        else "",
        layer=_LAYER_TO_PROTO[person.layer],
        owner=f"{EMPLOYEE_PREFIX}{person.owner_id}" if person.owner_id else "",
        veto_holder=person.veto_holder,
        rising_star=person.rising_star,
        retired=person.retired,
        etag=person.etag,
        decision_roles=[
            person_pb2.DecisionRole(scenario=r.scenario, role=_ROLE_TO_PROTO[r.role])
            for r in person.decision_roles
        ],
        reports_to=f"{NAME_PREFIX}{person.customer_id}/persons/{person.reports_to_id}"
        if person.reports_to_id
        else "",
        outside_org_chart=person.outside_org_chart,
        individual=f"{INDIVIDUAL_PREFIX}{person.individual_id}" if person.individual_id else "",
        moved_to=person.moved_to,
    )
    _set_times(message, person)
    return message


def person_from_proto(message: person_pb2.Person, customer_id: str, person_id: str = "") -> Person:
    department = None
    if message.department:
        department_customer, department = department_ids(message.department, "person.department")
        if department_customer != customer_id:
            raise InvalidArgument.field("person.department", "is a department of another customer")
    if message.layer not in _LAYER_FROM_PROTO:
        allowed = ", ".join(map(person_pb2.Layer.Name, _LAYER_FROM_PROTO))
        raise InvalidArgument.field("person.layer", f"must be one of {allowed}")
    reports_to = None
    if message.reports_to:
        boss_customer, reports_to = person_ids(message.reports_to, "person.reports_to")
        if boss_customer != customer_id:
            raise InvalidArgument.field("person.reports_to", "is a person of another customer")
    individual = ""
    if message.individual:
        (individual,) = parse_name(message.individual, "individuals/{}", "person.individual")
    roles = []
    for index, role in enumerate(message.decision_roles):
        if role.role not in _ROLE_FROM_PROTO:
            raise InvalidArgument.field(f"person.decision_roles[{index}].role", SEVEN_ROLES)
        roles.append(DecisionRole(role.scenario.strip(), _ROLE_FROM_PROTO[role.role]))
    return Person(
        id=person_id,
        customer_id=customer_id,
        display_name=message.display_name.strip(),
        title=message.title.strip(),
        department_id=department,
        layer=_LAYER_FROM_PROTO[message.layer],
        owner_id=employee_id_from_name(message.owner, "person.owner") if message.owner else "",
        veto_holder=message.veto_holder,
        rising_star=message.rising_star,
        retired=message.retired,
        decision_roles=tuple(roles),
        reports_to_id=reports_to,
        outside_org_chart=message.outside_org_chart,
        individual_id=individual,
    )


INDIVIDUAL_PREFIX = "individuals/"
_ROLE_TO_PROTO = {
    role: person_pb2.DecisionRoleKind.Value(f"DECISION_ROLE_KIND_{role.upper()}")
    for role in DECISION_ROLES
}
_ROLE_FROM_PROTO = {v: k for k, v in _ROLE_TO_PROTO.items()}
_KIND_TO_PROTO = {
    "confidant": person_pb2.INFLUENCE_KIND_CONFIDANT,
    "conflict": person_pb2.INFLUENCE_KIND_CONFLICT,
}
_KIND_FROM_PROTO = {v: k for k, v in _KIND_TO_PROTO.items()}
_DIRECTION_TO_PROTO = {
    "one_way": person_pb2.INFLUENCE_DIRECTION_ONE_WAY,
    "mutual": person_pb2.INFLUENCE_DIRECTION_MUTUAL,
}
_DIRECTION_FROM_PROTO = {v: k for k, v in _DIRECTION_TO_PROTO.items()}


def influence_to_proto(link: InfluenceLink) -> person_pb2.InfluenceLink:
    message = person_pb2.InfluenceLink(
        name=link.name,
        source=link.person(link.source_id),
        target=link.person(link.target_id),
        kind=_KIND_TO_PROTO[link.kind],
        direction=_DIRECTION_TO_PROTO[link.direction],
        strength=link.strength,
        note=link.note,
    )
    if link.create_time is not None:
        message.create_time.FromDatetime(link.create_time)
    return message


def influence_from_proto(message: person_pb2.InfluenceLink, customer_id: str) -> InfluenceLink:
    ends = {}
    for end in ("source", "target"):
        path = f"influence_link.{end}"
        if not getattr(message, end):
            raise InvalidArgument.field(path, "is required: a person of this customer")
        end_customer, ends[end] = person_ids(getattr(message, end), path)
        if end_customer != customer_id:
            raise InvalidArgument.field(path, "is a person of another customer")
    return InfluenceLink(
        id="",
        customer_id=customer_id,
        source_id=ends["source"],
        target_id=ends["target"],
        kind=_KIND_FROM_PROTO.get(message.kind, ""),
        direction=_DIRECTION_FROM_PROTO.get(message.direction, ""),
        strength=message.strength,
        note=message.note.strip(),
    )


def move_to_proto(row) -> person_pb2.PersonMove:
    message = person_pb2.PersonMove(
        person=row.person,
        previous_person=row.previous_person,
        previous_department=row.previous_department,
        department=row.department,
        previous_region=row.previous_region,
        region=row.region,
        previous_owner=f"{EMPLOYEE_PREFIX}{row.previous_owner}",
        owner=f"{EMPLOYEE_PREFIX}{row.owner}",
        territory_case=row.territory_case,
        actor=f"{EMPLOYEE_PREFIX}{row.actor_id}",
    )
    message.move_time.FromDatetime(row.moved_at)
    return message


def record_ids(name: str) -> tuple[str, ...]:
    """The ids in the name of a record with a history: a customer or a person."""
    if "/persons/" in name:
        return person_ids(name, "name")
    return (customer_id_from_name(name, "name"),)


def field_change_to_proto(row) -> archive_service_pb2.FieldChange:
    change = archive_service_pb2.FieldChange(
        field=row.field,
        old_value=row.old_value,
        new_value=row.new_value,
        actor=f"{EMPLOYEE_PREFIX}{row.actor_id}",
    )
    change.change_time.FromDatetime(row.changed_at)
    return change


_CATEGORY = {
    "unspecified": postcard_pb2.NEED_CATEGORY_UNSPECIFIED,
    "personal": postcard_pb2.NEED_CATEGORY_PERSONAL,
    "career": postcard_pb2.NEED_CATEGORY_CAREER,
}
_MASLOW = {
    "unspecified": postcard_pb2.MASLOW_LEVEL_UNSPECIFIED,
    "physiological": postcard_pb2.MASLOW_LEVEL_PHYSIOLOGICAL,
    "safety": postcard_pb2.MASLOW_LEVEL_SAFETY,
    "social": postcard_pb2.MASLOW_LEVEL_SOCIAL,
    "esteem": postcard_pb2.MASLOW_LEVEL_ESTEEM,
    "self_actualisation": postcard_pb2.MASLOW_LEVEL_SELF_ACTUALISATION,
}
_CATEGORY_FROM = {v: k for k, v in _CATEGORY.items()}
_MASLOW_FROM = {v: k for k, v in _MASLOW.items()}


def postcard_ids(name: str, field: str) -> tuple[str, str]:
    customer_id, person_id = parse_name(name, "customers/{}/persons/{}/postcard", field)
    return customer_id, person_id


def postcard_to_proto(postcard: Postcard) -> postcard_pb2.Postcard:
    message = postcard_pb2.Postcard(
        name=postcard.name,
        education=postcard.education,
        hobbies=postcard.hobbies,
        career_history=[postcard_pb2.CareerStep(**vars(step)) for step in postcard.career_history],
        needs=[
            postcard_pb2.Need(
                description=need.description,
                category=_CATEGORY[need.category],
                maslow_level=_MASLOW[need.maslow_level],
                implicit=need.implicit,
                bullseye=need.bullseye,
                sensitive=need.sensitive,
            )
            for need in postcard.needs
        ],
        home_address=postcard.home_address,
        family=postcard.family,
        religion=postcard.religion,
        taboos=postcard.taboos,
        sensitive_withheld=postcard.sensitive_withheld,
        etag=postcard.etag,
    )
    if postcard.update_time is not None:
        message.update_time.FromDatetime(postcard.update_time)
    return message


def postcard_from_proto(message: postcard_pb2.Postcard) -> Postcard:
    customer_id, person_id = postcard_ids(message.name, "postcard.name")
    needs = []
    for index, need in enumerate(message.needs):
        if need.category not in _CATEGORY_FROM or need.maslow_level not in _MASLOW_FROM:
            raise InvalidArgument.field(f"postcard.needs[{index}]", "has an unknown enum value")
        needs.append(
            Need(
                description=need.description.strip(),
                category=_CATEGORY_FROM[need.category],
                maslow_level=_MASLOW_FROM[need.maslow_level],
                implicit=need.implicit,
                bullseye=need.bullseye,
                sensitive=need.sensitive,
            )
        )
    steps = tuple(
        CareerStep(s.organisation.strip(), s.position.strip(), s.start_year, s.end_year, s.reason)
        for s in message.career_history
    )
    return Postcard(
        customer_id=customer_id,
        person_id=person_id,
        education=message.education.strip(),
        hobbies=message.hobbies.strip(),
        career_history=steps,
        needs=tuple(needs),
        home_address=message.home_address.strip(),
        family=message.family.strip(),
        religion=message.religion.strip(),
        taboos=message.taboos.strip(),
    )


def sensitive_read_to_proto(row) -> archive_service_pb2.SensitiveRead:
    read = archive_service_pb2.SensitiveRead(
        reader=f"{EMPLOYEE_PREFIX}{row.reader_id}", fields=list(row.fields), reason=row.reason
    )
    read.read_time.FromDatetime(row.read_at)
    return read


_ROLE = {
    "customer_manager": account_team_pb2.TEAM_ROLE_CUSTOMER_MANAGER,
    "product_manager": account_team_pb2.TEAM_ROLE_PRODUCT_MANAGER,
    "delivery_manager": account_team_pb2.TEAM_ROLE_DELIVERY_MANAGER,
    "solution_manager": account_team_pb2.TEAM_ROLE_SOLUTION_MANAGER,
    "service_manager": account_team_pb2.TEAM_ROLE_SERVICE_MANAGER,
}
_ROLE_FROM = {v: k for k, v in _ROLE.items()}


def account_team_to_proto(team: AccountTeam) -> account_team_pb2.AccountTeam:
    message = account_team_pb2.AccountTeam(
        name=team.name,
        members=[
            account_team_pb2.AccountTeamMember(
                employee=f"{EMPLOYEE_PREFIX}{m.employee_id}",
                role=_ROLE[m.role],
                backup_for=f"{EMPLOYEE_PREFIX}{m.backup_for}" if m.backup_for else "",
                paired_persons=[
                    f"{NAME_PREFIX}{team.customer_id}/persons/{p}" for p in m.paired_person_ids
                ],
            )
            for m in team.members
        ],
        etag=team.etag,
    )
    if team.update_time is not None:
        message.update_time.FromDatetime(team.update_time)
    return message


def account_team_from_proto(message: account_team_pb2.AccountTeam) -> AccountTeam:
    (customer_id,) = parse_name(message.name, "customers/{}/accountTeam", "account_team.name")
    members = []
    for index, member in enumerate(message.members):
        path = f"account_team.members[{index}]"
        paired = []
        for person in member.paired_persons:
            person_customer, person_id = person_ids(person, f"{path}.paired_persons")
            if person_customer != customer_id:
                raise InvalidArgument.field(
                    f"{path}.paired_persons", "is a person of another customer"
                )
            paired.append(person_id)
        members.append(
            TeamMember(
                employee_id=employee_id_from_name(member.employee, f"{path}.employee"),
                role=_ROLE_FROM.get(member.role, ""),
                backup_for=employee_id_from_name(member.backup_for, f"{path}.backup_for")
                if member.backup_for
                else None,
                paired_person_ids=tuple(sorted(set(paired))),
            )
        )
    return AccountTeam(customer_id, tuple(members))


def credit_change_to_proto(row) -> archive_service_pb2.CreditRatingChange:
    change = archive_service_pb2.CreditRatingChange(
        previous_rating=row.previous_rating,
        rating=row.rating,
        cause=_CREDIT_CAUSE[row.cause],
        note=row.note,
        actor=f"{EMPLOYEE_PREFIX}{row.actor_id}",
    )
    change.change_time.FromDatetime(row.changed_at)
    return change


def money_to_proto(money: Money) -> money_pb2.Money:
    return money_pb2.Money(currency_code=money.currency_code, units=money.units, nanos=money.nanos)


def money_from_proto(money: money_pb2.Money) -> Money:
    return Money(money.currency_code.upper(), money.units, money.nanos)
