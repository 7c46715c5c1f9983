"""What the drill reads of a region's telemetry, as an on-call engineer's tools would: the
Prometheus expositions of the pods, the spans the pods export over OTLP, and the region's
alert rules evaluated by `promtool` on series built from what was scraped.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import grpc
import httpx
import yaml
from opentelemetry.proto.collector.logs.v1 import logs_service_pb2, logs_service_pb2_grpc
from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2, metrics_service_pb2_grpc
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2, trace_service_pb2_grpc
from prometheus_client.parser import text_string_to_metric_families


async def scrape(client: httpx.AsyncClient, url: str) -> list:
    """The samples of one `/metrics` exposition."""
    answer = await client.get(url, timeout=5)
    answer.raise_for_status()
    return [s for family in text_string_to_metric_families(answer.text) for s in family.samples]


def named(samples: list, name: str, **labels: str) -> list:
    return [
        s
        for s in samples
        if s.name == name and all(s.labels.get(k) == v for k, v in labels.items())
    ]


class OtlpReceiver(
    trace_service_pb2_grpc.TraceServiceServicer,
    metrics_service_pb2_grpc.MetricsServiceServicer,
    logs_service_pb2_grpc.LogsServiceServicer,
):
    """An OTLP/gRPC endpoint on the region network's gateway address, standing in for the
    region's collector: it keeps the spans (with their resource) and accepts the rest."""

    def __init__(self) -> None:
        self.spans: list[tuple[dict, object]] = []
        self.lock = threading.Lock()
        self.server: grpc.aio.Server | None = None

    async def start(self, address: str) -> int:
        self.server = grpc.aio.server()
        trace_service_pb2_grpc.add_TraceServiceServicer_to_server(self, self.server)
        metrics_service_pb2_grpc.add_MetricsServiceServicer_to_server(self, self.server)
        logs_service_pb2_grpc.add_LogsServiceServicer_to_server(self, self.server)
        port = self.server.add_insecure_port(f"{address}:0")
        await self.server.start()
        return port

    async def stop(self) -> None:
        if self.server is not None:
            await self.server.stop(1)  # an export under way ends, not cancelled

    async def Export(self, request, context):  # the OTLP services' one method
        if isinstance(request, trace_service_pb2.ExportTraceServiceRequest):
            for resource_spans in request.resource_spans:
                resource = attributes(resource_spans.resource.attributes)
                with self.lock:
                    self.spans += [
                        (resource, span) for scope in resource_spans.scope_spans
                        for span in scope.spans
                    ]  # fmt: skip
            return trace_service_pb2.ExportTraceServiceResponse()
        if isinstance(request, metrics_service_pb2.ExportMetricsServiceRequest):
            return metrics_service_pb2.ExportMetricsServiceResponse()
        return logs_service_pb2.ExportLogsServiceResponse()

    def named(self, prefix: str, trace_id: str | None = None) -> list[tuple[dict, object]]:
        with self.lock:
            return [
                (r, s)
                for r, s in self.spans
                if s.name.startswith(prefix) and (trace_id is None or s.trace_id.hex() == trace_id)
            ]


def attributes(pairs) -> dict:
    return {a.key: getattr(a.value, a.value.WhichOneof("value")) for a in pairs}


def alert_test(
    rendered: list[dict], alert: str, series: dict[str, str], interval: str, cases: dict[str, list]
) -> str:
    """`promtool test rules` of the region's rendered PrometheusRule: `series` (a selector ->
    promtool's values notation, one sample per `interval`), `cases` (an evaluation time -> the
    labels of the alerts expected firing then). Returns promtool's output; raises
    AssertionError with it when an expectation does not hold."""
    [rule] = [o for o in rendered if o["kind"] == "PrometheusRule"]
    # Annotations are templates checked by tests/deploy; here the labels and the timing count.
    groups = [
        {**g, "rules": [{k: v for k, v in r.items() if k != "annotations"} for r in g["rules"]]}
        for g in rule["spec"]["groups"]
    ]
    test = {
        "rule_files": ["rules.yaml"],
        "evaluation_interval": "1m",
        "tests": [
            {
                "interval": interval,
                "input_series": [{"series": s, "values": v} for s, v in series.items()],
                "alert_rule_test": [
                    {
                        "eval_time": at,
                        "alertname": alert,
                        "exp_alerts": [{"exp_labels": labels} for labels in expected],
                    }
                    for at, expected in cases.items()
                ],
            }
        ],
    }
    promtool = shutil.which("promtool")
    assert promtool, "promtool is needed (Debian's prometheus package)"
    with tempfile.TemporaryDirectory(prefix="mcr-drill-rules-") as directory:
        (Path(directory) / "rules.yaml").write_text(yaml.safe_dump({"groups": groups}))
        (Path(directory) / "test.yaml").write_text(yaml.safe_dump(test, sort_keys=False))
        result = subprocess.run(
            [promtool, "test", "rules", "test.yaml"],
            cwd=directory, capture_output=True, text=True, check=False,
        )  # fmt: skip
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0, f"promtool: {output[-3000:]}"
    return output
