"""Telemetry in one function: traces, metrics and JSON logs, called first in every `__main__`.

Traces and logs go to OTLP when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (the standard OTEL_* variables
configure the exporter, the sampler and the resource: `OTEL_SERVICE_NAME` wins over the
service's own name, `OTEL_RESOURCE_ATTRIBUTES` adds the pod, the namespace and the region);
metrics are always readable by Prometheus on the admin port. Every span carries
`service.version` and `deployment.environment.name`. HTTP and database spans follow the stable
semantic conventions; database spans come from SQLAlchemy's instrumentation, which records the
statement with its placeholders, never the values. Logs are JSON lines that carry the current
trace and span ids, on stderr and, with OTLP, to the collector's logs pipeline as the same
records (an exception's type and place, never its message). Log only ids and codes, never
personal data: that rule is the caller's, but no field here adds any.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import traceback
from datetime import UTC, datetime
from importlib import metadata

from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.resources import OTELResourceDetector, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.semconv._incubating.attributes.deployment_attributes import (
    DEPLOYMENT_ENVIRONMENT_NAME,
)
from opentelemetry.semconv.attributes.service_attributes import SERVICE_NAME, SERVICE_VERSION

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


def configure_logging(service: str, level: str = "INFO", *extra: logging.Handler) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler, *extra]
    root.setLevel(level.upper())
    for name in _DATA_ECHOING_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def setup_telemetry(
    service: str, log_level: str = "INFO", *, environment: str = "development"
) -> None:
    """Configure logs, traces and metrics for this process. Safe to call more than once: a
    provider that is already set (by an earlier call or the test kit) is kept."""
    resource = service_resource(service, environment)
    otlp = bool(os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"))
    configure_logging(service, log_level, *([_otlp_log_handler(resource)] if otlp else []))
    # The stable HTTP and database conventions (http.route, db.query.text...), unless the
    # operator chose otherwise; read once, when the first instrumentation starts.
    os.environ.setdefault("OTEL_SEMCONV_STABILITY_OPT_IN", "http,database")
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
    _instrument_databases()


def _otlp_log_handler(resource: Resource) -> logging.Handler:
    """A handler that sends each log record to the collector over OTLP, in the trace it was
    written in. Imported only when OTLP is on: the CLI and the tests start faster without."""
    from opentelemetry.exporter.otlp.proto.grpc._log_exporter import OTLPLogExporter
    from opentelemetry.sdk._logs import LoggerProvider, LoggingHandler
    from opentelemetry.sdk._logs.export import BatchLogRecordProcessor

    class WithheldMessages(LoggingHandler):
        """The record as the JSON line shows it: an exception's type and place, its message
        withheld (messages quote the values that caused them)."""

        def emit(self, record: logging.LogRecord) -> None:
            if record.name.startswith("opentelemetry"):
                return  # the exporter's own warnings would feed the export that failed
            if record.exc_info:
                record = logging.makeLogRecord(vars(record))
                record.__dict__["exception"] = _exception_without_values(record.exc_info)
                record.exc_info, record.exc_text = None, None
            super().emit(record)

    provider = LoggerProvider(resource=resource)
    provider.add_log_record_processor(BatchLogRecordProcessor(OTLPLogExporter()))
    return WithheldMessages(logger_provider=provider)


def service_resource(service: str, environment: str) -> Resource:
    """The resource of this process. What the standard variables configure
    (`OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`) wins over the defaults given here."""
    defaults = {
        SERVICE_NAME: f"mcr-{service}",
        SERVICE_VERSION: _version(service),
        DEPLOYMENT_ENVIRONMENT_NAME: environment,
    }
    configured = OTELResourceDetector().detect().attributes
    return Resource.create({k: v for k, v in defaults.items() if k not in configured})


def _version(service: str) -> str:
    """The installed version of the service's distribution (`mcr-<service>`), else the
    kernel's."""
    for distribution in (f"mcr-{service}", "mcr-core"):
        try:
            return metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


def _instrument_databases() -> None:
    """Spans for every statement of every SQLAlchemy engine created from now on (the kernel's
    `Database` creates its engine through the module attribute, which this wraps)."""
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

    instrumentor = SQLAlchemyInstrumentor()
    if not instrumentor.is_instrumented_by_opentelemetry:
        # Its declared range stops below SQLAlchemy 2.1, whose engine events are unchanged.
        instrumentor.instrument(skip_dep_check=True)


def _prometheus_reader():
    from opentelemetry.exporter.prometheus import PrometheusMetricReader

    return PrometheusMetricReader()


def shutdown_telemetry() -> None:
    provider = trace.get_tracer_provider()
    if isinstance(provider, TracerProvider):
        provider.force_flush(timeout_millis=2000)
    for handler in logging.getLogger().handlers:
        handler.flush()  # the OTLP logs' handler sends what it holds
