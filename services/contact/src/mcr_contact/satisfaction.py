"""Satisfaction's `SatisfactionService.ListIssues` as contact uses it: a customer's open issues
before a visit (book ch.5) and the state of issues an activity left open."""

from __future__ import annotations

import logging

import grpc
from mcr.satisfaction.v1 import issue_pb2, satisfaction_service_pb2, satisfaction_service_pb2_grpc
from mcr_core import transport
from mcr_core.transport import TransportSettings
from opentelemetry.instrumentation.grpc import aio_client_interceptors

log = logging.getLogger(__name__)
OPEN = 'state != "closed"'
PAGES = 20  # at most 20 pages of 500 open issues of one customer


class SatisfactionClient:
    def __init__(
        self, target: str, timeout_seconds: float, tls: TransportSettings | None = None
    ) -> None:
        self.target = target
        self.timeout = timeout_seconds
        self.tls = tls or TransportSettings()  # mutual TLS where the installation has it

    async def open_issues(
        self, customer: str, credentials: str | None
    ) -> list[issue_pb2.Issue] | None:
        """The customer's open issues as the caller may see them (their token is passed on), or
        None when satisfaction does not answer."""
        metadata = (("authorization", credentials),) if credentials else ()
        issues: list[issue_pb2.Issue] = []
        try:
            async with transport.channel(
                self.target, self.tls, interceptors=aio_client_interceptors()
            ) as channel:
                stub = satisfaction_service_pb2_grpc.SatisfactionServiceStub(channel)
                token = ""
                for _ in range(PAGES):
                    page = await stub.ListIssues(
                        satisfaction_service_pb2.ListIssuesRequest(
                            parent=customer, filter=OPEN, page_size=500, page_token=token
                        ),
                        metadata=metadata,
                        timeout=self.timeout,
                    )
                    issues.extend(page.issues)
                    token = page.next_page_token
                    if not token:
                        break
        except grpc.aio.AioRpcError as error:
            log.warning("satisfaction did not answer", extra={"code": error.code().name})
            return None
        return issues
