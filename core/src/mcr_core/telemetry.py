"""Telemetry in one function: traces, metrics and JSON logs, called first in every `__main__`.

Traces go to OTLP when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (the standard OTEL_* variables
configure the exporter); metrics are always readable by Prometheus on the admin port. Logs are
JSON lines that carry the current trace and span ids. Log only ids and codes, never personal
data: that rule is the caller's, but no field here adds any.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import traceback
from datetime import UTC, datetime

from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

# Libraries that log SQL parameters or message payloads at DEBUG: they stay at WARNING whatever
# the level, so customer data never reaches a log.
_DATA_ECHOING_LOGGERS = ("aiosqlite", "sqlalchemy.engine", "sqlalchemy.pool", "asyncpg", "nats")

_STANDARD_ATTRS = frozenset(vars(logging.makeLogRecord({})).keys()) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with trace ids and the `extra=` fields of the call."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
        }
        span = trace.get_current_span().get_span_context()
        if span.is_valid:
            entry["trace_id"] = format(span.trace_id, "032x")
            entry["span_id"] = format(span.span_id, "016x")
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD_ATTRS})
        if record.exc_info:
            entry["exception"] = _exception_without_values(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def _exception_without_values(exc_info) -> str:
    """Where an error happened and of which type, but not its message: messages quote the
    values that caused them (a stored name, an SQL parameter), and logs carry nothing
    personal. The trace id of the entry leads to the request."""
    _, exc, tb = exc_info
    lines = ["Traceback (most recent call last):\n", *traceback.format_tb(tb)]
    chain = []
    while exc is not None:
        chain.append(f"{type(exc).__module__}.{type(exc).__qualname__}")
        exc = exc.__cause__ or exc.__context__
    return "".join(lines) + " <- ".join(chain) + " (message withheld)"


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in _DATA_ECHOING_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def setup_telemetry(service: str, log_level: str = "INFO") -> None:
    """Configure logs, traces and metrics for this process. Safe to call more than once: a
    provider that is already set (by an earlier call or the test kit) is kept."""
    configure_logging(service, log_level)
    resource = Resource.create({"service.name": service})
    otlp = bool(os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"))
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        tracer_provider = TracerProvider(resource=resource)
        if otlp:
            from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

            tracer_provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
        trace.set_tracer_provider(tracer_provider)
    if not isinstance(metrics.get_meter_provider(), MeterProvider):
        readers: list = [_prometheus_reader()]
        if otlp:
            from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter
            from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader

            readers.append(PeriodicExportingMetricReader(OTLPMetricExporter()))
        metrics.set_meter_provider(MeterProvider(resource=resource, metric_readers=readers))


def _prometheus_reader():
    from opentelemetry.exporter.prometheus import PrometheusMetricReader

    return PrometheusMetricReader()


def shutdown_telemetry() -> None:
    provider = trace.get_tracer_provider()
    if isinstance(provider, TracerProvider):
        provider.force_flush(timeout_millis=2000)
