"""The contact service over REST: activities, key events, cadences and the daily due list,
reminders, playbooks, the lifecycle guide and the pre-visit briefing.

Bodies and responses are the protobuf resources in JSON (field names as in the .proto files).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Query, Request, Response
from google.protobuf.field_mask_pb2 import FieldMask
from google.protobuf.json_format import MessageToDict, ParseDict, ParseError
from mcr.contact.v1 import contact_pb2
from mcr.contact.v1 import contact_service_pb2 as pb
from mcr.contact.v1 import contact_service_pb2_grpc as pb_grpc

from mcr_gateway import examples
from mcr_gateway.auth import Caller, caller
from mcr_gateway.customers import PageSize, deadline, quoted, unquoted
from mcr_gateway.examples import ok
from mcr_gateway.problems import Problem

router = APIRouter(tags=["contact"])
Who = Annotated[Caller, Depends(caller)]
Json = Annotated[dict[str, Any], Body()]
IdempotencyKey = Annotated[str | None, Header(description="Makes retries safe")]
IfMatch = Annotated[str | None, Header(description="The etag read; a stale one gives 412")]


def _contact(request: Request) -> pb_grpc.ContactServiceStub:
    return request.app.state.contact


def _json(message) -> dict[str, Any]:
    return MessageToDict(message, preserving_proto_field_name=True)


def _parse(body: dict[str, Any], message):
    try:
        return ParseDict(body, message)
    except ParseError as exc:
        raise Problem(
            400,
            "Bad Request",
            "the body is not a valid resource",
            [{"field": "body", "detail": str(exc)}],
        ) from None


async def _call(request: Request, method: str, message, who: Caller) -> dict[str, Any]:
    rpc = getattr(_contact(request), method)
    return _json(await rpc(message, metadata=who.metadata, timeout=deadline(request)))


@router.post(
    "/v1/activities",
    responses=ok(examples.ACTIVITY),
    summary="Log a contact activity (planned or done)",
)
async def log_activity(
    request: Request, body: Json, who: Who, idempotency_key: IdempotencyKey = None
) -> dict[str, Any]:
    activity = _parse(body, contact_pb2.Activity())
    message = pb.LogActivityRequest(activity=activity, request_id=idempotency_key or "")
    return await _call(request, "LogActivity", message, who)


@router.get(
    "/v1/activities",
    responses=ok(examples.ACTIVITIES),
    summary="The activities the caller may see, newest first",
)
async def list_activities(
    request: Request,
    who: Who,
    customer: str = "-",
    filter: str = "",
    page_size: PageSize = 0,
    page_token: str = "",
) -> dict[str, Any]:
    message = pb.ListActivitiesRequest(
        parent=f"customers/{customer}", filter=filter, page_size=page_size, page_token=page_token
    )
    return await _call(request, "ListActivities", message, who)


@router.get("/v1/activities/{activity_id}", responses=ok(examples.ACTIVITY), summary="An activity")
async def get_activity(activity_id: str, request: Request, who: Who) -> dict[str, Any]:
    message = pb.GetActivityRequest(name=f"activities/{activity_id}")
    return await _call(request, "GetActivity", message, who)


@router.post(
    "/v1/activities/{activity_id}:complete",
    responses=ok(examples.ACTIVITY),
    summary="Mark a planned activity done",
)
async def complete_activity(activity_id: str, request: Request, who: Who) -> dict[str, Any]:
    message = pb.CompleteActivityRequest(name=f"activities/{activity_id}")
    return await _call(request, "CompleteActivity", message, who)


@router.post(
    "/v1/activities/{activity_id}:close",
    responses=ok(examples.ACTIVITY),
    summary="Close a done activity (brand activities: summary and issues closed)",
)
async def close_activity(
    activity_id: str, request: Request, body: Json, who: Who
) -> dict[str, Any]:
    message = _parse(body, pb.CloseActivityRequest())
    message.name = f"activities/{activity_id}"
    return await _call(request, "CloseActivity", message, who)


@router.get(
    "/v1/activityTypes",
    responses=ok(examples.ACTIVITY_TYPES),
    summary="The activity types of the active packs",
)
async def list_activity_types(request: Request, who: Who) -> dict[str, Any]:
    return await _call(request, "ListActivityTypes", pb.ListActivityTypesRequest(), who)


@router.post(
    "/v1/customers/{customer_id}/keyEvents",
    responses=ok(examples.KEY_EVENT),
    summary="Record a key event (evidence)",
)
async def record_key_event(
    customer_id: str, request: Request, body: Json, who: Who, idempotency_key: IdempotencyKey = None
) -> dict[str, Any]:
    message = pb.RecordKeyEventRequest(
        parent=f"customers/{customer_id}",
        key_event=_parse(body, contact_pb2.KeyEvent()),
        request_id=idempotency_key or "",
    )
    return await _call(request, "RecordKeyEvent", message, who)


@router.post(
    "/v1/customers/{customer_id}/persons/{person_id}/keyDates",
    responses=ok(examples.KEY_DATE),
    summary="Add a yearly key date of a tracked person (reminded one day before)",
)
async def create_key_date(
    customer_id: str, person_id: str, request: Request, body: Json, who: Who
) -> dict[str, Any]:
    message = pb.CreateKeyDateRequest(
        parent=f"customers/{customer_id}/persons/{person_id}",
        key_date=_parse(body, contact_pb2.KeyDate()),
    )
    return await _call(request, "CreateKeyDate", message, who)


@router.get(
    "/v1/customers/{customer_id}/persons/{person_id}/keyDates",
    responses=ok(examples.KEY_DATES),
    summary="A tracked person's key dates, by month and day",
)
async def list_key_dates(
    customer_id: str,
    person_id: str,
    request: Request,
    who: Who,
    page_size: PageSize = 0,
    page_token: str = "",
) -> dict[str, Any]:
    message = pb.ListKeyDatesRequest(
        parent=f"customers/{customer_id}/persons/{person_id}",
        page_size=page_size,
        page_token=page_token,
    )
    answer = await _call(request, "ListKeyDates", message, who)
    return {"key_dates": [], "next_page_token": ""} | answer  # an empty list is there


# Set by the service, never changed by a PATCH body.
_KEY_DATE_OUTPUT = {"name", "etag", "next_reminder_time"}


@router.patch(
    "/v1/customers/{customer_id}/persons/{person_id}/keyDates/{key_date_id}",
    responses=ok(examples.KEY_DATE),
    summary="Correct a key date (the fields in the body); its reminder follows",
)
async def update_key_date(
    customer_id: str,
    person_id: str,
    key_date_id: str,
    request: Request,
    response: Response,
    body: Json,
    who: Who,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    key_date = _parse(body, contact_pb2.KeyDate())
    key_date.name = f"customers/{customer_id}/persons/{person_id}/keyDates/{key_date_id}"
    key_date.etag = unquoted(if_match) or key_date.etag
    mask = FieldMask(paths=[field for field in body if field not in _KEY_DATE_OUTPUT])
    message = pb.UpdateKeyDateRequest(key_date=key_date, update_mask=mask)
    return _with_etag(await _call(request, "UpdateKeyDate", message, who), response)


@router.delete(
    "/v1/customers/{customer_id}/persons/{person_id}/keyDates/{key_date_id}",
    status_code=204,
    summary="Delete a key date and its reminder",
)
async def delete_key_date(
    customer_id: str,
    person_id: str,
    key_date_id: str,
    request: Request,
    who: Who,
    if_match: IfMatch = None,
) -> Response:
    name = f"customers/{customer_id}/persons/{person_id}/keyDates/{key_date_id}"
    message = pb.DeleteKeyDateRequest(name=name, etag=unquoted(if_match))
    await _call(request, "DeleteKeyDate", message, who)
    return Response(status_code=204)


@router.put(
    "/v1/customers/{customer_id}/persons/{person_id}/cadence",
    responses=ok(examples.CADENCE),
    summary="Track a person's contact cadence (role, owner, supervisor, sponsor)",
)
async def track_person(
    customer_id: str,
    person_id: str,
    request: Request,
    response: Response,
    body: Json,
    who: Who,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    cadence = _parse(body, contact_pb2.PersonCadence())
    cadence.name = f"customers/{customer_id}/persons/{person_id}/cadence"
    cadence.etag = unquoted(if_match) or cadence.etag
    message = pb.TrackPersonRequest(person_cadence=cadence)
    return _with_etag(await _call(request, "TrackPerson", message, who), response)


@router.get(
    "/v1/customers/{customer_id}/persons/{person_id}/cadence",
    responses=ok(examples.CADENCE),
    summary="A cadence",
)
async def get_cadence(
    customer_id: str, person_id: str, request: Request, response: Response, who: Who
) -> dict[str, Any]:
    name = f"customers/{customer_id}/persons/{person_id}/cadence"
    message = pb.GetPersonCadenceRequest(name=name)
    return _with_etag(await _call(request, "GetPersonCadence", message, who), response)


def _with_etag(resource: dict[str, Any], response: Response) -> dict[str, Any]:
    """The resource's etag in the `ETag` header too, for an `If-Match` on the next update."""
    response.headers["ETag"] = quoted(resource.get("etag", ""))
    return resource


@router.get(
    "/v1/dueContacts",
    responses=ok(examples.DUE_CONTACTS),
    summary="The daily due list (the caller's, or an owner's)",
)
async def due_contacts(request: Request, who: Who, owner: str = "") -> dict[str, Any]:
    message = pb.ListDueContactsRequest(owner=f"employees/{owner}" if owner else "")
    return await _call(request, "ListDueContacts", message, who)


@router.get(
    "/v1/reminders",
    responses=ok(examples.REMINDERS),
    summary="The caller's reminders, newest first",
)
async def reminders(
    request: Request, who: Who, page_size: PageSize = 0, page_token: str = ""
) -> dict[str, Any]:
    message = pb.ListRemindersRequest(page_size=page_size, page_token=page_token)
    return await _call(request, "ListReminders", message, who)


@router.get(
    "/v1/customers/{customer_id}/persons/{person_id}:suggestPlaybook",
    responses=ok(examples.PLAYBOOK),
    summary="Next actions for the person's support level (R-SUP-3…7)",
)
async def suggest_playbook(
    customer_id: str,
    person_id: str,
    request: Request,
    who: Who,
    support_level: Annotated[int, Query(ge=-3, le=3)] = 0,
) -> dict[str, Any]:
    message = pb.SuggestPlaybookRequest(
        person=f"customers/{customer_id}/persons/{person_id}", support_level=support_level
    )
    return await _call(request, "SuggestPlaybook", message, who)


@router.get(
    "/v1/customers/{customer_id}/opportunities/{opportunity_id}/lifecycleGuide",
    responses=ok(examples.LIFECYCLE_GUIDE),
    summary="The general-relationship work per lifecycle stage, done and missing",
)
async def lifecycle_guide(
    customer_id: str, opportunity_id: str, request: Request, who: Who
) -> dict[str, Any]:
    name = f"customers/{customer_id}/opportunities/{opportunity_id}"
    return await _call(
        request, "GetLifecycleGuide", pb.GetLifecycleGuideRequest(opportunity=name), who
    )


@router.get(
    "/v1/customers/{customer_id}/visitBriefing",
    responses=ok(examples.VISIT_BRIEFING),
    summary="Before a visit: the customer's open issues and its persons' cadences",
)
async def visit_briefing(customer_id: str, request: Request, who: Who) -> dict[str, Any]:
    message = pb.GetVisitBriefingRequest(customer=f"customers/{customer_id}")
    return await _call(request, "GetVisitBriefing", message, who)
