"""The archive's person network over REST: influence links, moves under the territory rule,
persons-in-context, search, and import/export of CSV and XLSX files.

Responses are the protobuf messages in JSON (field names as in the .proto files); errors are
problem+json naming the field, as everywhere in the gateway.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from google.protobuf.json_format import MessageToDict
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import person_pb2
from mcr_core.tables import TableError, read_rows, write_rows
from pydantic import BaseModel, ConfigDict, Field

from mcr_gateway import examples
from mcr_gateway.auth import Caller, caller
from mcr_gateway.customers import Int32, archive_stub, deadline
from mcr_gateway.examples import created, ok
from mcr_gateway.problems import Problem, documented

router = APIRouter(tags=["person network, search, import and export"])
Who = Annotated[Caller, Depends(caller)]
Kind = Literal["customers", "persons", "departments"]
_KINDS = {
    "customers": pb.RECORD_KIND_CUSTOMERS,
    "persons": pb.RECORD_KIND_PERSONS,
    "departments": pb.RECORD_KIND_DEPARTMENTS,
}
_MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
BATCH = 1000


def _json(message) -> dict[str, Any]:
    return MessageToDict(
        message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )


def _bad(field: str, detail: str) -> Problem:
    return Problem(400, "Invalid argument", detail, [{"field": field, "detail": detail}])


# --- influence links ---------------------------------------------------------------------------


class InfluenceLinkCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    source: str = Field(examples=["customers/3f2a…/persons/77ab…"])
    target: str = Field(examples=["customers/3f2a…/persons/9c1d…"])
    kind: Literal["confidant", "conflict"]
    direction: Literal["one_way", "mutual"] = "one_way"
    strength: Int32 = Field(description="1 (weak) to 5 (decisive)", examples=[4])
    note: str = ""

    def to_proto(self) -> person_pb2.InfluenceLink:
        return person_pb2.InfluenceLink(
            source=self.source,
            target=self.target,
            kind=person_pb2.InfluenceKind.Value(f"INFLUENCE_KIND_{self.kind.upper()}"),
            direction=person_pb2.InfluenceDirection.Value(
                f"INFLUENCE_DIRECTION_{self.direction.upper()}"
            ),
            strength=self.strength,
            note=self.note,
        )


@router.post(
    "/v1/customers/{customer_id}/influenceLinks",
    status_code=201,
    responses=created(examples.INFLUENCE_LINK),
)
async def create_influence_link(
    customer_id: str, body: InfluenceLinkCreate, request: Request, who: Who
) -> dict[str, Any]:
    """Record who sways whom at a customer (a confidant or a conflict), also from outside the
    organisation chart."""
    created = await archive_stub(request).CreateInfluenceLink(
        pb.CreateInfluenceLinkRequest(
            parent=f"customers/{customer_id}", influence_link=body.to_proto()
        ),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(created)


@router.get("/v1/customers/{customer_id}/influenceLinks", responses=ok(examples.INFLUENCE_LINKS))
async def list_influence_links(
    customer_id: str, request: Request, who: Who, person: str = ""
) -> dict[str, Any]:
    """The influence links between persons you may see (of one person, with `person`)."""
    reply = await archive_stub(request).ListInfluenceLinks(
        pb.ListInfluenceLinksRequest(parent=f"customers/{customer_id}", person=person),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(reply)


@router.delete("/v1/customers/{customer_id}/influenceLinks/{link_id}", status_code=204)
async def delete_influence_link(
    customer_id: str, link_id: str, request: Request, who: Who
) -> Response:
    await archive_stub(request).DeleteInfluenceLink(
        pb.DeleteInfluenceLinkRequest(name=f"customers/{customer_id}/influenceLinks/{link_id}"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return Response(status_code=204)


# --- moves and persons-in-context ------------------------------------------------------------


class Move(BaseModel):
    model_config = ConfigDict(extra="forbid")
    department: str = Field(default="", examples=["customers/3f2a…/departments/9c1d…"])
    customer: str = Field(default="", description="Another customer: another employer or "
                          "another territory of the same group")  # fmt: skip
    title: str = ""


@router.post(
    "/v1/customers/{customer_id}/persons/{person_id}:move",
    responses=ok(examples.MOVED_PERSON),
)
async def move_person(
    customer_id: str, person_id: str, body: Move, request: Request, who: Who
) -> dict[str, Any]:
    """Move a person to another department or customer; the relationship owner follows the
    territory rule and a joint introduction visit is requested when it changes."""
    moved = await archive_stub(request).MovePerson(
        pb.MovePersonRequest(
            name=f"customers/{customer_id}/persons/{person_id}",
            department=body.department,
            customer=body.customer,
            title=body.title,
        ),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(moved)


@router.get(
    "/v1/customers/{customer_id}/persons/{person_id}/moves",
    responses=ok(examples.PERSON_MOVES),
)
async def list_person_moves(
    customer_id: str, person_id: str, request: Request, who: Who
) -> dict[str, Any]:
    """Every move of the human behind the person, oldest first."""
    reply = await archive_stub(request).ListPersonMoves(
        pb.ListPersonMovesRequest(parent=f"customers/{customer_id}/persons/{person_id}"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(reply)


@router.get("/v1/individuals/{individual_id}/persons", responses=ok(examples.PERSON_CONTEXTS))
async def list_person_contexts(individual_id: str, request: Request, who: Who) -> dict[str, Any]:
    """The same human at several customers (the ones you may see)."""
    reply = await archive_stub(request).ListPersonContexts(
        pb.ListPersonContextsRequest(individual=f"individuals/{individual_id}"),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(reply)


# --- search ------------------------------------------------------------------------------------


class Criteria(BaseModel):
    query: str = Field(default="", description="Chinese, pinyin (zhang wei, zhangwei, zw) or Latin")
    industry: str = ""
    region: str = ""
    tier: str = ""
    owner: str = Field(default="", examples=["employees/e-1001"])
    page_size: int = Field(default=50, ge=0, le=1000)
    page_token: str = ""


@router.get("/v1/customers:search", responses=ok(examples.CUSTOMER_SEARCH))
async def search_customers(
    request: Request, who: Who, criteria: Annotated[Criteria, Query()]
) -> dict[str, Any]:
    reply = await archive_stub(request).SearchCustomers(
        pb.SearchCustomersRequest(**criteria.model_dump()),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(reply)


@router.get("/v1/persons:search", responses=ok(examples.PERSON_SEARCH))
async def search_persons(
    request: Request, who: Who, criteria: Annotated[Criteria, Query()]
) -> dict[str, Any]:
    reply = await archive_stub(request).SearchPersons(
        pb.SearchPersonsRequest(**criteria.model_dump()),
        metadata=who.metadata,
        timeout=deadline(request),
    )
    return _json(reply)


# --- import and export -------------------------------------------------------------------------


def _format(content_type: str) -> str:
    media = content_type.split(";")[0].strip().lower()
    for fmt, known in _MEDIA.items():
        if media == known.split(";")[0]:
            return fmt
    raise Problem(
        415, "Unsupported media type", "send text/csv or an XLSX workbook",
        [{"field": "Content-Type", "detail": f"{media or 'none'} is neither CSV nor XLSX"}],
    )  # fmt: skip


def _batches(rows: list, kind: str, dry_run: bool) -> Iterator[pb.ImportRecordsRequest]:
    for start in range(0, max(len(rows), 1), BATCH):
        yield pb.ImportRecordsRequest(
            kind=_KINDS[kind],
            dry_run=dry_run,
            rows=[pb.ImportRow(row=n, values=v) for n, v in rows[start : start + BATCH]],
        )


@router.post(
    "/v1/imports/{kind}",
    responses={
        **ok(examples.IMPORT_REPORT),
        415: documented(
            415,
            "Unsupported media type",
            "send text/csv or an XLSX workbook",
            "The body is neither CSV nor an XLSX workbook",
        ),
    },
)
async def import_records(
    kind: Kind, request: Request, who: Who, dry_run: bool = False
) -> dict[str, Any]:
    """Import a CSV or XLSX file (the body, with its Content-Type). Rows with an existing key
    update that record; the report lists each refused row (row, column, reason)."""
    fmt = _format(request.headers.get("content-type", ""))
    try:
        rows = list(read_rows(await request.body(), fmt))
    except TableError as exc:
        raise _bad("body", str(exc)) from exc
    report = await archive_stub(request).ImportRecords(
        _batches(rows, kind, dry_run), metadata=who.metadata, timeout=deadline(request) * 10
    )
    return _json(report)


@router.get(
    "/v1/exports/{kind}",
    response_class=Response,
    responses={
        200: {
            "description": "The file, in the columns an import takes",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                    "schema": {"type": "string", "format": "binary"}
                },
            },
        }
    },
)
async def export_records(
    kind: Kind,
    request: Request,
    who: Who,
    format: Literal["csv", "xlsx"] = "csv",
    customer: str = "",
) -> Response:
    """The records you may see, as a file in the columns an import takes."""
    call = archive_stub(request).ExportRecords(
        pb.ExportRecordsRequest(kind=_KINDS[kind], customer=customer),
        metadata=who.metadata,
        timeout=deadline(request) * 10,
    )
    columns, rows = [], []
    async for chunk in call:
        columns += chunk.columns
        rows += [dict(row.values) for row in chunk.rows]
    buffer = io.BytesIO() if format == "xlsx" else io.StringIO()
    write_rows(buffer, format, columns, rows)
    content = buffer.getvalue()
    return Response(
        content=content.encode() if isinstance(content, str) else content,
        media_type=_MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="{kind}.{format}"'},
    )
