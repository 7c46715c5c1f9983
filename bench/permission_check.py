"""What the permission check costs a call, as a share of what the kernel's interceptors cost.

In one process and one run, a `GetCustomer` handler that returns at once is called three
ways: wrapped by the kernel's server interceptor as a service wraps it (tracing with the SDK
tracer provider, the bearer token verified from the verifier's cache, the method's declared
permission checked against the role table, the principal set, metrics recorded), bare (the
floor), and the permission check alone, as the interceptor runs it. The interceptors' cost is
the first minus the second; the check's share of it is the figure.

    uv run python bench/permission_check.py [--calls 50000]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import grpc
from _common import emit_json, print_table
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import customer_pb2
from mcr_core.auth import RoleTable
from mcr_core.rpc.interceptors import ServerInterceptor
from mcr_core.rpc.server import PUBLIC_METHOD_PREFIXES
from mcr_core.testing import AuthKeys
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider

METHOD = "/mcr.archive.v1.ArchiveService/GetCustomer"
REPLY = customer_pb2.Customer(name="customers/c1", display_name="南海电信")
GOAL = 0.10  # the check should be at most a tenth of the interceptors' cost


class Context:
    """The parts of a `grpc.aio.ServicerContext` the interceptor reads on a successful call."""

    def __init__(self, metadata: tuple[tuple[str, str], ...]) -> None:
        self._metadata = metadata

    def invocation_metadata(self):
        return self._metadata

    def code(self):
        return None


async def handler(request, context):
    return REPLY


def per_call(seconds: float, calls: int) -> float:
    return seconds / calls * 1e6  # microseconds


async def measure(calls: int) -> dict[str, float]:
    keys = AuthKeys(Path(tempfile.mkdtemp()) / "keys")
    interceptor = ServerInterceptor(keys.verifier, PUBLIC_METHOD_PREFIXES, RoleTable.default())
    wrapped = interceptor._wrap_handler(
        grpc.unary_unary_rpc_method_handler(
            handler,
            request_deserializer=pb.GetCustomerRequest.FromString,
            response_serializer=customer_pb2.Customer.SerializeToString,
        ),
        METHOD,
    ).unary_unary
    authorize = interceptor._authorizer(METHOD)
    context = Context(keys.metadata(roles=("account_manager",)))
    request = pb.GetCustomerRequest(name="customers/c1")
    principal = await keys.verifier.authenticate_bearer(context.invocation_metadata()[0][1])
    for _ in range(2000):  # warm the caches (the verified token, the role set's decision)
        await wrapped(request, context)

    started = time.perf_counter()
    for _ in range(calls):
        await wrapped(request, context)
    full = per_call(time.perf_counter() - started, calls)

    started = time.perf_counter()
    for _ in range(calls):
        await handler(request, context)
    bare = per_call(time.perf_counter() - started, calls)

    started = time.perf_counter()
    for _ in range(calls):
        authorize(principal)
    check = per_call(time.perf_counter() - started, calls)
    return {"full_us": full, "bare_us": bare, "check_us": check}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=50_000)
    args = parser.parse_args()
    trace.set_tracer_provider(TracerProvider())  # spans are made, as in a service
    figures = asyncio.run(measure(args.calls))
    interceptors = figures["full_us"] - figures["bare_us"]
    share = figures["check_us"] / interceptors
    print_table(
        f"The permission check in the kernel's interceptor ({args.calls} calls)",
        ["path", "µs per call"],
        [
            ["handler wrapped by the kernel's interceptor", f"{figures['full_us']:.2f}"],
            ["handler alone (baseline)", f"{figures['bare_us']:.2f}"],
            ["interceptors (wrapped − alone)", f"{interceptors:.2f}"],
            ["permission check", f"{figures['check_us']:.3f}"],
        ],
    )
    met = "met" if share <= GOAL else "NOT met"
    print(f"permission check: {share:.1%} of the interceptors' cost (goal ≤ {GOAL:.0%}: {met})")
    emit_json(
        {"benchmark": "permission_check", "calls": args.calls}
        | figures
        | {"interceptors_us": interceptors, "check_share": share, "goal_met": share <= GOAL}
    )


if __name__ == "__main__":
    main()
