"""The contact service through the gateway: activities, bad input as problem+json naming the
field, cadences, the due list and the activity types."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from mcr_contact.__main__ import SPEC as CONTACT
from mcr_contact.config import ContactSettings
from mcr_core.service import start_service
from mcr_core.testing import service_settings


@pytest.fixture
async def contact(sqlite_url, nats_url, auth_keys, tmp_path):
    settings = service_settings(
        ContactSettings,
        database_url=sqlite_url.replace("service.db", "contact.db"),
        nats_url=nats_url,
        auth_keys=auth_keys,
        data_dir=tmp_path,
        satisfaction_target="127.0.0.1:1",
    )
    service = await start_service(CONTACT, settings)
    yield service
    await service.stop()


@pytest.fixture
def contact_target(contact) -> str:
    return f"127.0.0.1:{contact.grpc_port}"


def activity(customer: str, start: datetime, **fields) -> dict:
    return {
        "customer": f"customers/{customer}",
        "type": "daily_visit",
        "relationship_type": "key",
        "state": "done",
        "title": "golden 20 minutes",
        "start_time": start.isoformat().replace("+00:00", "Z"),
        "duration": "1200s",
        "target_persons": [f"customers/{customer}/persons/{uuid.uuid4()}"],
    } | fields


async def test_activities_and_cadences_over_rest(rest):
    customer = str(uuid.uuid4())
    now = datetime.now(UTC)
    person = f"customers/{customer}/persons/{uuid.uuid4()}"
    tracked = await rest.put(
        f"/v1/{person}/cadence", json={"role": "sponsor", "supervisor": "employees/e-9"}
    )
    assert tracked.status_code == 200, tracked.text
    assert tracked.json()["max_interval"] == f"{60 * 86400}s"  # the default pack's sponsor rule
    logged = await rest.post(
        "/v1/activities",
        json=activity(customer, now - timedelta(hours=1), target_persons=[person]),
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert logged.status_code == 200, logged.text
    activity_id = logged.json()["name"].removeprefix("activities/")
    assert (await rest.get(f"/v1/activities/{activity_id}")).json()["state"] == "done"
    listed = await rest.get("/v1/activities", params={"customer": customer})
    assert [a["name"] for a in listed.json()["activities"]] == [logged.json()["name"]]
    read = await rest.get(f"/v1/{person}/cadence")
    cadence = read.json()
    assert cadence["status"] == "ok" and "last_contact_time" in cadence
    # The contact changed the cadence: the etag read before it is stale, the current one works.
    assert read.headers["ETag"] == f'"{cadence["etag"]}"' != tracked.headers["ETag"]
    stale = await rest.put(
        f"/v1/{person}/cadence",
        json={"role": "decision_maker"},
        headers={"If-Match": tracked.headers["ETag"]},
    )
    assert stale.status_code == 412 and stale.json()["errors"][0]["field"] == "If-Match"
    fresh = await rest.put(
        f"/v1/{person}/cadence",
        json={"role": "decision_maker"},
        headers={"If-Match": read.headers["ETag"]},
    )
    assert fresh.status_code == 200 and fresh.json()["role"] == "decision_maker"
    assert (await rest.get("/v1/dueContacts")).status_code == 200
    types = (await rest.get("/v1/activityTypes")).json()["activity_types"]
    assert "exhibition" in {t["code"] for t in types}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"start_time": "2999-01-01T00:00:00Z"}, "start_time"),
        ({"duration": "0s"}, "duration"),
        ({"gift_value": {"currency_code": "CNY", "units": "5000"}}, "gift_value"),
    ],
)
async def test_bad_activities_are_problems_naming_the_field(rest, fields, field):
    customer = str(uuid.uuid4())
    answer = await rest.post("/v1/activities", json=activity(customer, datetime.now(UTC), **fields))
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert field in [e["field"] for e in answer.json()["errors"]]


async def test_a_person_of_another_customer_and_a_malformed_body(rest):
    customer = str(uuid.uuid4())
    body = activity(customer, datetime.now(UTC), target_persons=["customers/x/persons/y"])
    answer = await rest.post("/v1/activities", json=body)
    assert answer.status_code == 400
    assert [e["field"] for e in answer.json()["errors"]] == ["target_persons[0]"]
    malformed = await rest.post("/v1/activities", json={"duration": "soon"})
    assert malformed.status_code == 400 and malformed.json()["errors"][0]["field"] == "body"


async def test_key_dates_over_rest(rest):
    """A tracked person's key date is kept and reminded a day before (decision 15); a day that
    month has not is a problem naming `day`; an untracked person's is not found."""
    person = f"customers/{uuid.uuid4()}/persons/{uuid.uuid4()}"
    untracked = await rest.post(
        f"/v1/{person}/keyDates", json={"kind": "birthday", "month": 3, "day": 14}
    )
    assert untracked.status_code == 404
    tracked = await rest.put(
        f"/v1/{person}/cadence", json={"role": "sponsor", "supervisor": "employees/e-9"}
    )
    assert tracked.status_code == 200, tracked.text
    created = await rest.post(
        f"/v1/{person}/keyDates", json={"kind": "birthday", "month": 3, "day": 14}
    )
    assert created.status_code == 200, created.text
    key_date = created.json()
    assert key_date["name"].startswith(f"{person}/keyDates/") and key_date["day"] == 14
    reminder = datetime.fromisoformat(key_date["next_reminder_time"].replace("Z", "+00:00"))
    assert (reminder.month, reminder.day) == (3, 13)
    bad = await rest.post(
        f"/v1/{person}/keyDates", json={"kind": "birthday", "month": 2, "day": 30}
    )
    assert bad.status_code == 400
    assert [e["field"] for e in bad.json()["errors"]] == ["day"]


async def test_key_dates_listed_corrected_and_deleted_over_rest(rest):
    """A person's key dates are listed; a PATCH corrects one under If-Match and its reminder
    follows (R-CON-10), a stale If-Match is 412, a bad day names `day`; DELETE removes it."""
    person = f"customers/{uuid.uuid4()}/persons/{uuid.uuid4()}"
    assert (await rest.get(f"/v1/{person}/keyDates")).status_code == 404  # not tracked
    await rest.put(f"/v1/{person}/cadence", json={"role": "sponsor", "supervisor": "employees/e-9"})
    assert (await rest.get(f"/v1/{person}/keyDates")).json() == {
        "key_dates": [],
        "next_page_token": "",
    }
    created = (
        await rest.post(f"/v1/{person}/keyDates", json={"kind": "birthday", "month": 3, "day": 14})
    ).json()
    [listed] = (await rest.get(f"/v1/{person}/keyDates")).json()["key_dates"]
    assert listed == created

    url = f"/v1/{created['name']}"
    corrected = await rest.patch(
        url, json={"day": 16}, headers={"If-Match": f'"{created["etag"]}"'}
    )
    assert corrected.status_code == 200, corrected.text
    body = corrected.json()
    assert (body["kind"], body["month"], body["day"]) == ("birthday", 3, 16)
    assert corrected.headers["ETag"] == f'"{body["etag"]}"' != f'"{created["etag"]}"'
    reminder = datetime.fromisoformat(body["next_reminder_time"].replace("Z", "+00:00"))
    assert (reminder.month, reminder.day) == (3, 15)

    stale = await rest.patch(url, json={"day": 17}, headers={"If-Match": f'"{created["etag"]}"'})
    assert stale.status_code == 412
    bad = await rest.patch(url, json={"day": 31, "month": 4})
    assert bad.status_code == 400 and [e["field"] for e in bad.json()["errors"]] == ["day"]

    stale_delete = await rest.delete(url, headers={"If-Match": f'"{created["etag"]}"'})
    assert stale_delete.status_code == 412
    assert (
        await rest.delete(url, headers={"If-Match": corrected.headers["ETag"]})
    ).status_code == 204
    assert (await rest.get(f"/v1/{person}/keyDates")).json()["key_dates"] == []
    assert (await rest.delete(url)).status_code == 404
