"""Activities over gRPC: logging, reading and listing with visibility, bad input named by
field, gift compliance per region, closure, types and the lifecycle guide."""

from __future__ import annotations

from datetime import timedelta

import grpc
import pytest
from contact_kit import new_id, person_of, span, stamp, visit
from mcr.common.v1 import money_pb2
from mcr.contact.v1 import contact_pb2
from mcr.contact.v1 import contact_service_pb2 as pb
from mcr.satisfaction.v1 import issue_pb2
from mcr_contact.domain import ComplianceAction, ComplianceRule
from mcr_core.plugins import hookimpl
from mcr_core.rpc import field_violations


async def log(stub, auth, activity, **claims):
    return await stub.LogActivity(pb.LogActivityRequest(activity=activity), metadata=auth(**claims))


async def test_an_activity_is_logged_read_and_listed(stub, auth, fake_clock):
    customer = new_id()
    person = person_of(customer)
    logged = await log(stub, auth, visit(customer, [person], fake_clock.now() - timedelta(hours=1)))
    assert logged.name.startswith("activities/") and logged.owner == "employees/e-1001"
    assert (logged.state, logged.type) == ("done", "daily_visit")
    got = await stub.GetActivity(pb.GetActivityRequest(name=logged.name), metadata=auth())
    assert got == logged
    listed = await stub.ListActivities(
        pb.ListActivitiesRequest(parent=f"customers/{customer}", filter='type = "daily_visit"'),
        metadata=auth(),
    )
    assert [a.name for a in listed.activities] == [logged.name]
    none = await stub.ListActivities(
        pb.ListActivitiesRequest(parent=f"customers/{customer}", filter="state = planned"),
        metadata=auth(),
    )
    assert list(none.activities) == []


async def test_the_same_request_id_logs_once(stub, auth, fake_clock):
    customer = new_id()
    activity = visit(customer, [person_of(customer)], fake_clock.now())
    request = pb.LogActivityRequest(activity=activity, request_id=new_id())
    first = await stub.LogActivity(request, metadata=auth())
    again = await stub.LogActivity(request, metadata=auth())
    assert first.name == again.name


async def test_peers_do_not_see_each_other_but_the_manager_does(stub, auth, fake_clock, region):
    customer = new_id()
    logged = await log(stub, auth, visit(customer, [person_of(customer)], fake_clock.now()))
    request = pb.GetActivityRequest(name=logged.name)
    with pytest.raises(grpc.aio.AioRpcError) as peer:
        await stub.GetActivity(request, metadata=auth(employee_id="e-2002"))
    assert peer.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.aio.AioRpcError) as other_region:
        await stub.GetActivity(request, metadata=auth(region="elsewhere"))
    assert other_region.value.code() == grpc.StatusCode.NOT_FOUND
    boss = auth(employee_id="e-9", org_unit=f"/{region}/enterprise", roles=("manager",))
    assert (await stub.GetActivity(request, metadata=boss)).name == logged.name
    listed = await stub.ListActivities(pb.ListActivitiesRequest(), metadata=boss)
    assert logged.name in [a.name for a in listed.activities]
    peer_list = await stub.ListActivities(
        pb.ListActivitiesRequest(), metadata=auth(employee_id="e-2002")
    )
    assert logged.name not in [a.name for a in peer_list.activities]


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ("future_done", "activity.start_time"),
        ("other_customer", "activity.target_persons[0]"),
        ("zero_duration", "activity.duration"),
        ("gift_over_limit", "activity.gift_value"),
    ],
)
async def test_bad_input_gets_a_clear_error_and_stores_nothing(
    stub, auth, fake_clock, change, path
):
    customer = new_id()
    activity = visit(customer, [person_of(customer)], fake_clock.now() - timedelta(hours=1))
    if change == "future_done":
        activity.start_time.CopyFrom(stamp(fake_clock.now() + timedelta(days=1)))
    elif change == "other_customer":
        activity.target_persons[:] = [person_of(new_id())]
    elif change == "zero_duration":
        activity.duration.CopyFrom(span(timedelta(0)))
    else:
        activity.gift_value.CopyFrom(money_pb2.Money(currency_code="CNY", units=800))
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await log(stub, auth, activity)
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert path in [v.field for v in field_violations(error.value)]
    listed = await stub.ListActivities(
        pb.ListActivitiesRequest(parent=f"customers/{customer}"), metadata=auth()
    )
    assert list(listed.activities) == []


class FlagInEurope:
    """A jurisdiction pack: over 100 EUR is kept but flagged in region `eu-*`."""

    @hookimpl
    def contact_compliance_rule(self, jurisdiction):
        if not jurisdiction.startswith("eu-"):
            return None
        return ComplianceRule(jurisdiction, "EUR", 100, ComplianceAction.FLAG)


async def test_a_region_policy_may_flag_instead_of_refusing(contact, stub, auth, fake_clock):
    contact.plugins.register(FlagInEurope(), name="eu-compliance")
    customer = new_id()
    activity = visit(customer, [person_of(customer)], fake_clock.now(), type="banquet")
    activity.gift_value.CopyFrom(money_pb2.Money(currency_code="EUR", units=150))
    logged = await log(stub, auth, activity, region="eu-west")
    assert "100 EUR" in logged.compliance_flag and logged.private_visit
    # The default pack still refuses elsewhere.
    activity.gift_value.CopyFrom(money_pb2.Money(currency_code="CNY", units=501))
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await log(stub, auth, activity)
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_brand_activities_close_with_summary_and_closed_issues(
    stub, auth, fake_clock, satisfaction, region
):
    double, _ = satisfaction
    customer = new_id()
    issue = issue_pb2.Issue(
        name=f"issues/{new_id()}",
        customer=f"customers/{customer}",
        state="handling",
        region=region,
        title="demo crashed",
    )
    double.issues.append(issue)
    activity = visit(customer, [person_of(customer)], fake_clock.now(), type="company_visit")
    activity.outstanding_issues.extend(
        [
            contact_pb2.OutstandingIssue(title="hotel was late"),
            contact_pb2.OutstandingIssue(title="demo crashed", issue=issue.name),
        ]
    )
    logged = await log(stub, auth, activity)
    close = pb.CloseActivityRequest(name=logged.name)
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.CloseActivity(close, metadata=auth())
    assert error.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert {v.field for v in field_violations(error.value)} == {
        "summary",
        "outstanding_issues[0]",
        "outstanding_issues[1]",
    }
    close = pb.CloseActivityRequest(
        name=logged.name, summary="the CTO liked the lab", closed_issue_titles=["hotel was late"]
    )
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.CloseActivity(close, metadata=auth())
    assert [v.field for v in field_violations(error.value)] == ["outstanding_issues[1]"]
    issue.state = "closed"  # satisfaction closed it
    closed = await stub.CloseActivity(close, metadata=auth())
    assert closed.state == "closed" and closed.summary == "the CTO liked the lab"
    assert double.requests[-1] == (f"customers/{customer}", 'state != "closed"', region)


async def test_the_twelve_plus_one_and_the_book_types_are_offered(stub, auth):
    types = (
        await stub.ListActivityTypes(pb.ListActivityTypesRequest(), metadata=auth())
    ).activity_types
    codes = {t.code for t in types}
    assert {
        "company_visit",
        "exhibition",
        "daily_visit",
        "other",
        "management_training",
        "delivery_milestone",
        "team_building",
        "routine_care",
        "key_information",
    } <= codes
    assert next(t for t in types if t.code == "exhibition").revisit


async def test_the_lifecycle_guide_tracks_an_opportunity(stub, auth, fake_clock):
    customer = new_id()
    opportunity = f"customers/{customer}/opportunities/{new_id()}"
    activity = visit(
        customer,
        [],
        fake_clock.now(),
        type="company_visit",
        opportunity=opportunity,
        lifecycle_stage="finding_opportunities",
        target_departments=[f"customers/{customer}/departments/procurement"],
    )
    await log(stub, auth, activity)
    guide = await stub.GetLifecycleGuide(
        pb.GetLifecycleGuideRequest(opportunity=opportunity), metadata=auth()
    )
    stages = {s.stage: s for s in guide.stages}
    assert list(stages) == ["finding_opportunities", "bidding", "contract_execution", "collection"]
    finding = stages["finding_opportunities"]
    assert list(finding.done_activity_types) == ["company_visit"]
    assert "business_exchange" in finding.missing_activity_types
    assert list(finding.covered_departments) == ["procurement"]
    assert "delivery_manager" in stages["contract_execution"].roles


class HospitalPack:
    """An industry pack adding an activity type of its own."""

    @hookimpl
    def contact_activity_types(self):
        from mcr_contact.hooks import ActivityType, Category

        return [ActivityType("ward_round", "查房陪同 ward round", Category.VISIT)]


async def test_industry_packs_add_activity_types(contact, stub, auth, fake_clock):
    customer = new_id()
    activity = visit(customer, [person_of(customer)], fake_clock.now(), type="ward_round")
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await log(stub, auth, activity)
    assert [v.field for v in field_violations(error.value)] == ["activity.type"]
    contact.plugins.register(HospitalPack(), name="hospital-pack")
    assert (await log(stub, auth, activity)).type == "ward_round"


async def test_activities_are_listed_a_page_at_a_time(stub, auth, fake_clock):
    customer = new_id()
    names = []
    for hours in range(5):
        start = fake_clock.now() - timedelta(hours=hours + 1)
        names.append((await log(stub, auth, visit(customer, [person_of(customer)], start))).name)
    seen, token = [], ""
    while True:
        page = await stub.ListActivities(
            pb.ListActivitiesRequest(parent=f"customers/{customer}", page_size=2, page_token=token),
            metadata=auth(),
        )
        seen += [a.name for a in page.activities]
        if not (token := page.next_page_token):
            break
    assert seen == names  # newest first
