"""Generic gRPC tools work against a service: health checking and server reflection."""

from __future__ import annotations

import asyncio

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_requests import Client


async def test_health_reports_serving(archive):
    async with grpc.aio.insecure_channel(f"127.0.0.1:{archive.grpc_port}") as channel:
        health = health_pb2_grpc.HealthStub(channel)
        for service in ("", "mcr.archive.v1.ArchiveService"):
            reply = await health.Check(health_pb2.HealthCheckRequest(service=service))  # no token
            assert reply.status == health_pb2.HealthCheckResponse.SERVING


def reflect_and_call(port: int, token: str) -> tuple[list[str], dict, dict]:
    """What a generic client does, knowing nothing but the address: list, describe, call."""
    client = Client.get_by_endpoint(f"127.0.0.1:{port}")
    services = client.service_names
    created = client.request(
        "mcr.archive.v1.ArchiveService",
        "CreateCustomer",
        {"customer": {"display_name": "Reflected Ltd", "country_code": "DE"}},
        metadata=[("authorization", f"Bearer {token}")],
    )
    got = client.request(
        "mcr.archive.v1.ArchiveService",
        "GetCustomer",
        {"name": created["name"]},
        metadata=[("authorization", f"Bearer {token}")],
    )
    return services, created, got


async def test_a_reflection_client_lists_and_calls_the_archive(archive, auth_keys):
    services, created, got = await asyncio.to_thread(
        reflect_and_call, archive.grpc_port, auth_keys.token()
    )
    assert "mcr.archive.v1.ArchiveService" in services
    assert "grpc.health.v1.Health" in services
    assert got["display_name"] == "Reflected Ltd"
    assert got["name"] == created["name"]
