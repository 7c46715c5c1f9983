"""The authorization matrix over gRPC: every method that takes a resource id, called for the
demo account manager's own records by the owner, a peer of the same unit, a peer of a sibling
unit, their manager, an employee of another region, a caller without a token and the owner
without the role the method needs, on the platform of `mcr up --demo` running as processes,
once on SQLite and once on PostgreSQL.

The methods, their read or write nature (the verb of the permission they declare) and the
resource each id field names (the contract's own comments, `"customers/{customer_id}/persons/
{person_id}"`) come from the descriptors and the .proto files, so a new method is in the
matrix without anyone listing it. The ids are the owner's, found through the API.

What may happen (decision 11, and the role table of `mcr_core.auth.permissions`):
- no token: UNAUTHENTICATED; the owner without the role: PERMISSION_DENIED on writes;
- a peer (same unit or sibling) or another region: never an OK write, never an answer that
  carries the owner's ids; NOT_FOUND or PERMISSION_DENIED, or the refusal the owner got too
  (bad input is bad for everyone);
- the owner and their manager: never NOT_FOUND, PERMISSION_DENIED or UNAUTHENTICATED on reads.
Any other answer fails, naming the method and the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
from google.protobuf import descriptor_pool
from google.protobuf.message import Message
from google.protobuf.message_factory import GetMessageClass
from matrix_kit import (  # noqa: F401 (matrix_platform: a fixture)
    CALLERS,
    PEERS,
    RECORD_IDS,
    SEES,
    matrix_platform,
    owners_ids,
    tokens,
)
from mcr_core.auth.permissions import RoleTable, contract_methods, method_permission
from platform_kit import Platform, run

PROTO = Path(__file__).resolve().parents[1] / "proto" / "mcr"
TABLE = RoleTable.default()
READ_VERBS = {"get", "list", "search", "explain", "listVersions", "suggest", "check"}
REFUSED = {grpc.StatusCode.NOT_FOUND, grpc.StatusCode.PERMISSION_DENIED}
# Where the rules of the book let others see on purpose; each entry says which.
PEERS_MAY_SEE = {
    # Decision 11: survey results are disclosed to everyone in the region as aggregates.
    "/mcr.satisfaction.v1.SatisfactionService/GetSurveyResults": "R-SAT-5 aggregates",
    # The briefing is the caller's own view (their cadences, the issues satisfaction lets
    # them see); it names the customer asked about and nothing of it.
    "/mcr.contact.v1.ContactService/GetVisitBriefing": "the caller's own view",
}
# Records of one employee alone, not of their unit: a superior is refused by name.
OWN_ONLY = {
    "/mcr.contact.v1.ContactService/ListReminders": "reminders are the employee's own notes",
}


# ---------------------------------------------------------------------------------------------
# The methods and their requests, from the contract
# ---------------------------------------------------------------------------------------------

FIELD = re.compile(r"^\s*(?:repeated\s+)?string\s+(\w+)\s*=\s*\d+")
PATTERN = re.compile(r'"([a-zA-Z]+/\{[^"]+?)"')


def resource_patterns() -> dict[tuple[str, str], str]:
    """(request message, field) -> the resource name pattern its comment gives."""
    found: dict[tuple[str, str], str] = {}
    for path in PROTO.glob("*/v1/*.proto"):
        package = f"mcr.{path.parent.parent.name}.v1"
        message, comment = "", ""
        for line in path.read_text().splitlines():
            if line.startswith("message "):
                message, comment = f"{package}.{line.split()[1]}", ""
            elif line.strip().startswith("//"):
                comment += line
            elif (field := FIELD.match(line)) and message:
                if pattern := PATTERN.search(comment):
                    found[(message, field.group(1))] = pattern.group(1)
                comment = ""
            else:
                comment = ""
    return found


@dataclass(frozen=True)
class Method:
    path: str
    permission: str
    request: Message
    ids: tuple[str, ...]  # the ids of the owner's records the request names

    @property
    def service(self) -> str:
        return self.path.split("/")[1]

    @property
    def reads(self) -> bool:
        return self.permission.rsplit(".", 1)[1] in READ_VERBS

    @property
    def streams(self) -> tuple[bool, bool]:
        service, _, name = self.path.lstrip("/").rpartition("/")
        found = descriptor_pool.Default().FindServiceByName(service).methods_by_name[name]
        return found.client_streaming, found.server_streaming


def fill(pattern: str, ids: dict[str, str]) -> str | None:
    try:
        return re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], pattern)
    except KeyError:
        return None


def matrix_methods(ids: dict[str, str]) -> Iterator[Method]:
    """The methods with a field naming one of the owner's resources, filled in."""
    patterns = resource_patterns()
    pool = descriptor_pool.Default()
    for path in sorted(contract_methods()):
        service, _, name = path.lstrip("/").rpartition("/")
        input_type = pool.FindServiceByName(service).methods_by_name[name].input_type
        request = GetMessageClass(input_type)()
        named: list[str] = []
        for field in input_type.fields:
            targets = [(request, input_type, field)]
            if field.message_type is not None and not field.is_repeated:
                nested = getattr(request, field.name)
                targets = [(nested, field.message_type, f) for f in field.message_type.fields]
            for message, owner_type, target in targets:
                pattern = patterns.get((owner_type.full_name, target.name))
                value = fill(pattern, ids) if pattern else None
                if value is None or target.type != target.TYPE_STRING or target.is_repeated:
                    continue
                if message is not request:
                    getattr(request, field.name).SetInParent()
                    message = getattr(request, field.name)
                setattr(message, target.name, value)
                named.append(value)
        if named:
            records = tuple(
                ids[k] for k in RECORD_IDS if k in ids and any(ids[k] in n for n in named)
            )
            yield Method(path, method_permission(path), request, records)


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------

DESTRUCTIVE = re.compile(r"\.(delete|transferPortfolio|move|close|apply|rescore)$")


async def call(channel: grpc.aio.Channel, method: Method, metadata) -> tuple[grpc.StatusCode, str]:
    data = method.request.SerializeToString()
    client_streams, server_streams = method.streams
    try:
        if client_streams:

            async def one():
                yield data

            answer = await channel.stream_unary(method.path)(one(), metadata=metadata, timeout=20)
            return grpc.StatusCode.OK, repr(answer)
        if server_streams:
            parts = [
                p
                async for p in channel.unary_stream(method.path)(
                    data, metadata=metadata, timeout=20
                )
            ]
            return grpc.StatusCode.OK, repr(b"".join(parts))
        answer = await channel.unary_unary(method.path)(data, metadata=metadata, timeout=20)
        return grpc.StatusCode.OK, repr(answer)
    except grpc.aio.AioRpcError as error:
        return error.code(), error.details() or ""


def judge(method: Method, caller: str, code, answer: str, owner_code) -> str | None:
    """What is wrong with `caller`'s answer, or None."""
    if caller == "no token":
        return (
            None if code == grpc.StatusCode.UNAUTHENTICATED else f"{code.name}, not UNAUTHENTICATED"
        )
    if caller == "owner without the role":
        if method.reads:
            return None
        return (
            None if code == grpc.StatusCode.PERMISSION_DENIED else f"{code.name} without the role"
        )
    if caller in SEES:
        seen = owner_code == grpc.StatusCode.OK and method.path not in OWN_ONLY
        if method.reads and seen and code in REFUSED | {grpc.StatusCode.UNAUTHENTICATED}:
            return f"{code.name}: the {caller} must see what the owner sees"
        return None
    if caller in PEERS and method.path in PEERS_MAY_SEE:
        return None
    if code == grpc.StatusCode.OK:
        if not method.reads:
            return "an unauthorised write answered OK"
        leaked = [i for i in method.ids if i in answer]
        return f"leaks {leaked}" if leaked else None
    if code in REFUSED or code == owner_code:
        return None
    if code == grpc.StatusCode.INVALID_ARGUMENT and owner_code in {
        None,  # a destructive write the owner is asked last
        grpc.StatusCode.PERMISSION_DENIED,  # the owner's role lacks it; this caller's has it
    }:
        return None  # bad input is refused before anything is looked up
    return f"{code.name} (the owner got {owner_code.name if owner_code else '-'})"


def run_matrix(platform: Platform) -> tuple[list[str], int, float]:
    async def go() -> tuple[list[str], int, float]:
        channels = {
            name: grpc.aio.insecure_channel(f"127.0.0.1:{p.grpc_port}")
            for name, p in platform.services.items()
        }
        service_of = {
            "mcr.archive.v1.ArchiveService": "archive",
            "mcr.archive.v1.ProfileService": "archive",
        }

        def channel_for(name: str) -> grpc.aio.Channel:
            return channels[name]

        metadata = {
            who: (("authorization", f"Bearer {token}"),) if token else ()
            for who, token in tokens(platform).items()
        }
        ids = await owners_ids(channel_for, metadata["owner"])
        methods = list(matrix_methods(ids))
        problems: list[str] = []
        checked: set[str] = set()  # reads the owner answered OK: their refusals to others count
        calls = 0
        owner_codes: dict[str, grpc.StatusCode] = {}

        async def ask(method: Method, who: str):
            nonlocal calls
            calls += 1
            service = service_of.get(method.service, method.service.split(".")[1])
            return await call(channels[service], method, metadata[who])

        # The owner first, so the others' refusals can be told from bad input; a destructive
        # write is the owner's last call, after everyone else's.
        destructive = {m.path for m in methods if not m.reads and DESTRUCTIVE.search(m.permission)}
        for method in methods:
            if method.path not in destructive:
                owner_codes[method.path] = (await ask(method, "owner"))[0]
        for method in methods:
            for who in (w for w in CALLERS if w != "owner"):
                if who in SEES and method.path in destructive:
                    continue  # the manager may delete the record: last, with the owner's
                code, answer = await ask(method, who)
                wrong = judge(method, who, code, answer, owner_codes.get(method.path))
                if wrong:
                    problems.append(f"{method.path} as {who}: {wrong}")
        for method in methods:
            if method.path in destructive:
                await ask(method, "manager")
            code = owner_codes.get(method.path) or (await ask(method, "owner"))[0]
            granted = TABLE.grants(frozenset(CALLERS["owner"]["roles"]), method.permission)
            if code == grpc.StatusCode.PERMISSION_DENIED and granted:
                problems.append(f"{method.path} as owner: PERMISSION_DENIED for their own")
            if code == grpc.StatusCode.OK and method.reads:
                checked.add(method.path)
        for channel in channels.values():
            await channel.close()
        reads = sum(m.reads for m in methods)
        print(f"matrix: {len(methods)} methods, {reads} reads, {len(checked)} read OK by the owner")
        return problems, calls, len(checked) / reads

    return run(go())


@pytest.mark.timeout(900)
def test_the_authorization_matrix(matrix_platform):  # noqa: F811 (the fixture)
    problems, calls, checked = run_matrix(matrix_platform)
    assert calls > 500
    assert checked > 0.7  # the owner reads most of what is asked: the ids are the right ones
    assert not problems, f"{len(problems)} unexpected answers:\n" + "\n".join(problems)
