"""A service as an operator runs it: admin port, metrics, JSON logs without personal data,
graceful stop on SIGTERM."""

from __future__ import annotations

import json

import grpc
import httpx
from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2
from processes import ServiceProcess

SECRET_NAME = "Confidential Holdings 机密控股"


async def test_admin_port_metrics_logs_and_graceful_stop(sqlite_url, nats_url, auth_keys, tmp_path):
    log = tmp_path / "archive.log"
    service = ServiceProcess(
        "mcr_archive",
        {
            "MCR_DATABASE_URL": sqlite_url,
            "MCR_NATS_URL": nats_url,
            "MCR_AUTH_PUBLIC_KEY_FILE": str(auth_keys.public_key_file),
            "MCR_DATA_DIR": str(tmp_path),
            "MCR_LOG_LEVEL": "DEBUG",
        },
        log,
    )
    await service.start()
    try:
        await exercise(service, auth_keys)
    finally:
        code = service.terminate()  # SIGTERM: drain and exit cleanly
    assert code == 0
    check_logs(log)


async def exercise(service: ServiceProcess, auth_keys) -> None:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{service.grpc_port}") as channel:
        stub = archive_service_pb2_grpc.ArchiveServiceStub(channel)
        await stub.CreateCustomer(
            pb.CreateCustomerRequest(customer=customer_pb2.Customer(display_name=SECRET_NAME)),
            metadata=auth_keys.metadata(),
        )
        try:
            await stub.GetCustomer(
                pb.GetCustomerRequest(name="customers/nope"), metadata=auth_keys.metadata()
            )
        except grpc.aio.AioRpcError as error:
            assert error.code() == grpc.StatusCode.NOT_FOUND

    admin = f"http://127.0.0.1:{service.admin_port}"
    async with httpx.AsyncClient(base_url=admin) as client:
        assert (await client.get("/livez")).json() == {"status": "alive"}
        ready = (await client.get("/readyz")).json()
        assert ready == {"ready": True, "checks": {"database": True, "nats": True}}
        metrics = (await client.get("/metrics")).text
        counts = [
            line for line in metrics.splitlines() if line.startswith("mcr_rpc_server_duration")
        ]
        assert any(
            'rpc_grpc_status_code="OK"' in line and "CreateCustomer" in line for line in counts
        )
        assert any('rpc_grpc_status_code="NOT_FOUND"' in line for line in counts)
        plugins = (await client.get("/plugins")).json()["plugins"]
        assert [p["name"] for p in plugins] == ["mcr_archive.defaults"]
        assert plugins[0]["hooks"] == ["archive_industries", "archive_network_metrics"]


def check_logs(log) -> None:
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert lines, "the service logs JSON lines"
    assert any(line["message"] == "service stopped" for line in lines)
    failed = [line for line in lines if line["message"] == "rpc failed"]
    assert failed and failed[0]["code"] == "NOT_FOUND" and len(failed[0]["trace_id"]) == 32
    assert SECRET_NAME not in log.read_text()  # nothing personal in logs
    assert "机密" not in log.read_text()
