"""Contact's gRPC servicer: proto in, use case, proto out. Nothing else."""

from __future__ import annotations

from google.protobuf import empty_pb2
from mcr.contact.v1 import contact_pb2 as resources
from mcr.contact.v1 import contact_service_pb2 as pb
from mcr.contact.v1 import contact_service_pb2_grpc as pb_grpc
from mcr_core.auth import current_principal

from mcr_contact import mapping
from mcr_contact.domain import id_from_name
from mcr_contact.service import Contact


def _credentials(context) -> str | None:
    """The caller's token, passed on to satisfaction so it applies its own visibility."""
    for key, value in context.invocation_metadata() or ():
        if key == "authorization":
            return value
    return None


class ContactServicer(pb_grpc.ContactServiceServicer):
    def __init__(self, contact: Contact) -> None:
        self.contact = contact

    async def LogActivity(self, request: pb.LogActivityRequest, context):
        draft = mapping.activity_from_proto(request.activity)
        activity = await self.contact.log(current_principal(), draft, request.request_id)
        return mapping.activity_to_proto(activity)

    async def GetActivity(self, request: pb.GetActivityRequest, context):
        activity_id = id_from_name(request.name, "activities/", "name")
        return mapping.activity_to_proto(await self.contact.get(current_principal(), activity_id))

    async def ListActivities(self, request: pb.ListActivitiesRequest, context):
        page, token = await self.contact.list(
            current_principal(),
            request.parent or "customers/-",
            request.filter,
            request.page_token,
            request.page_size,
        )
        return pb.ListActivitiesResponse(
            activities=[mapping.activity_to_proto(a) for a in page], next_page_token=token
        )

    async def CompleteActivity(self, request: pb.CompleteActivityRequest, context):
        activity = await self.contact.complete(current_principal(), request.name)
        return mapping.activity_to_proto(activity)

    async def CloseActivity(self, request: pb.CloseActivityRequest, context):
        activity = await self.contact.close(
            current_principal(),
            request.name,
            request.summary,
            list(request.closed_issue_titles),
            _credentials(context),
        )
        return mapping.activity_to_proto(activity)

    async def ListActivityTypes(self, request: pb.ListActivityTypesRequest, context):
        types = await self.contact.activity_types()
        return pb.ListActivityTypesResponse(
            activity_types=[mapping.activity_type_to_proto(t) for t in types]
        )

    async def RecordKeyEvent(self, request: pb.RecordKeyEventRequest, context):
        draft = mapping.key_event_from_proto(request.key_event)
        event = await self.contact.record_key_event(
            current_principal(), request.parent, draft, request.request_id
        )
        return mapping.key_event_to_proto(event)

    async def TrackPerson(self, request: pb.TrackPersonRequest, context):
        cadence = request.person_cadence
        tracked = await self.contact.track(
            current_principal(),
            cadence.name.removesuffix("/cadence"),
            cadence.role,
            cadence.owner,
            cadence.owner_org_unit,
            cadence.supervisor,
            cadence.sponsor,
            cadence.etag,
        )
        return mapping.cadence_to_proto(tracked, self.contact.now)

    async def GetPersonCadence(self, request: pb.GetPersonCadenceRequest, context):
        person = request.name.removesuffix("/cadence")
        tracked = await self.contact.cadence(current_principal(), person)
        return mapping.cadence_to_proto(tracked, self.contact.now)

    async def ListDueContacts(self, request: pb.ListDueContactsRequest, context):
        day = mapping.from_timestamp(request.day) if request.HasField("day") else None
        entries, coverage, share = await self.contact.due(current_principal(), request.owner, day)
        return pb.ListDueContactsResponse(
            due_contacts=[mapping.due_to_proto(e) for e in entries],
            coverage=[mapping.coverage_to_proto(c) for c in coverage],
            visit_share=resources.VisitShare(
                office_visits=share.office,
                private_visits=share.private,
                since_time=mapping.timestamp(share.since),
            ),
        )

    async def ListReminders(self, request: pb.ListRemindersRequest, context):
        rows, token = await self.contact.reminders(
            current_principal(), request.parent, request.page_token, request.page_size
        )
        return pb.ListRemindersResponse(
            reminders=[mapping.reminder_to_proto(r) for r in rows], next_page_token=token
        )

    async def CreateKeyDate(self, request: pb.CreateKeyDateRequest, context):
        key_date = request.key_date
        created = await self.contact.add_key_date(
            current_principal(), request.parent, key_date.kind, key_date.month, key_date.day
        )
        return mapping.key_date_to_proto(created, self.contact.now)

    async def ListKeyDates(self, request: pb.ListKeyDatesRequest, context):
        rows, token = await self.contact.key_dates(
            current_principal(), request.parent, request.page_token, request.page_size
        )
        now = self.contact.now
        return pb.ListKeyDatesResponse(
            key_dates=[mapping.key_date_to_proto(r, now) for r in rows], next_page_token=token
        )

    async def UpdateKeyDate(self, request: pb.UpdateKeyDateRequest, context):
        key_date = request.key_date
        updated = await self.contact.update_key_date(
            current_principal(),
            key_date.name,
            key_date.kind,
            key_date.month,
            key_date.day,
            list(request.update_mask.paths),
            key_date.etag,
        )
        return mapping.key_date_to_proto(updated, self.contact.now)

    async def DeleteKeyDate(self, request: pb.DeleteKeyDateRequest, context):
        await self.contact.delete_key_date(current_principal(), request.name, request.etag)
        return empty_pb2.Empty()

    async def SuggestPlaybook(self, request: pb.SuggestPlaybookRequest, context):
        suggestion = await self.contact.suggest(
            current_principal(), request.person, request.support_level
        )
        playbook = suggestion.playbook
        return resources.Playbook(
            support_level=request.support_level,
            goal=playbook.goal if playbook else "",
            actions=list(playbook.actions) if playbook else [],
            rule=playbook.rule if playbook else "",
            plugin=suggestion.plugin,
            problem_customer_advice=suggestion.problem_advice,
        )

    async def GetLifecycleGuide(self, request: pb.GetLifecycleGuideRequest, context):
        stages = await self.contact.lifecycle(current_principal(), request.opportunity)
        return pb.GetLifecycleGuideResponse(stages=[mapping.stage_to_proto(s) for s in stages])

    async def GetVisitBriefing(self, request: pb.GetVisitBriefingRequest, context):
        briefing = await self.contact.briefing(
            current_principal(), request.customer, _credentials(context)
        )
        now = self.contact.now
        return resources.VisitBriefing(
            customer=request.customer,
            open_issues=briefing.issues or [],
            issues_available=briefing.issues is not None,
            cadences=[mapping.cadence_to_proto(t, now) for t in briefing.cadences],
        )
