"""Insight analyses (versioned, hypotheses until verified) and service strategies."""

from __future__ import annotations

from dataclasses import replace

from mcr_core.auth import Principal
from mcr_core.errors import (
    FailedPrecondition,
    NotFound,
    collect,
)
from mcr_core.listing import decode_page_token, encode_page_token, page_size
from mcr_core.service import Kernel
from sqlalchemy.exc import IntegrityError

from mcr_insight.analyses import store
from mcr_insight.analyses.domain import (
    ANALYSIS_KINDS,
    AnalysisVersion,
    ServiceStrategy,
    analysis_violations,
    content_etag,
    settle_conclusions,
    strategy_etag,
    strategy_violations,
)
from mcr_insight.service import visible_customer


class Analyses:
    """A customer's insight analyses, append-only versions."""

    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def analysis(
        self, principal: Principal, customer_id: str, kind: str, version: int
    ) -> AnalysisVersion:
        async with self.kernel.db.read() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            if version:
                found = await store.analysis_version(conn, customer_id, kind, version)
            else:
                found = next(
                    iter(await store.analysis_versions(conn, customer_id, kind, None, 1)), None
                )
        if found is None:
            at = f"@{version}" if version else ""
            raise NotFound(f"customers/{customer_id}/analyses/{kind}{at} not found")
        return found

    async def analysis_history(
        self, principal: Principal, customer_id: str, kind: str, token: str, size: int
    ) -> tuple[list[AnalysisVersion], str]:
        limit = page_size(size)
        name = f"{customer_id}/{kind}"
        before = decode_page_token(token, name)
        async with self.kernel.db.read() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            page = await store.analysis_versions(
                conn, customer_id, kind, int(before[0]) if before else None, limit + 1
            )
        if len(page) <= limit:
            return page, ""
        return page[:limit], encode_page_token([str(page[limit - 1].version)], name)

    async def update_analysis(
        self, principal: Principal, customer_id: str, kind: str, content: dict, etag: str
    ) -> AnalysisVersion:
        """Write the next version of an analysis; earlier versions stay as they were."""
        path = f"insight_analysis.{ANALYSIS_KINDS[kind]}"
        now = self.kernel.clock.now()
        async with self.kernel.db.transaction() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            latest = next(
                iter(await store.analysis_versions(conn, customer_id, kind, None, 1)), None
            )
            if etag and (latest is None or etag != latest.etag):
                raise FailedPrecondition.field(
                    "insight_analysis.etag", "the analysis changed since it was read"
                )
            found = settle_conclusions(content, latest.content if latest else None, now, path)
            collect(found + analysis_violations(ANALYSIS_KINDS[kind], content, path))
            version = AnalysisVersion(
                customer_id,
                kind,
                (latest.version if latest else 0) + 1,
                content,
                content_etag(content),
                now,
                principal.employee_id,
            )
            try:
                async with conn.begin_nested():
                    await store.add_analysis(conn, version)
            except IntegrityError as exc:
                raise FailedPrecondition.field(
                    "insight_analysis.etag", "another version was written at the same time"
                ) from exc
            return version


class ServiceStrategies:
    """A customer's service strategy (大客户服务策略)."""

    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def strategy(self, principal: Principal, customer_id: str) -> ServiceStrategy:
        async with self.kernel.db.read() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            found = await store.get_strategy(conn, customer_id)
        if found is None:
            raise NotFound(f"customers/{customer_id}/serviceStrategy not found")
        return found

    async def update_strategy(
        self, principal: Principal, customer_id: str, strategy: ServiceStrategy, etag: str
    ) -> ServiceStrategy:
        collect(strategy_violations(strategy))
        async with self.kernel.db.transaction() as conn:
            await visible_customer(self.kernel, conn, principal, customer_id)
            current = await store.get_strategy(conn, customer_id)
            if etag and (current is None or etag != current.etag):
                raise FailedPrecondition.field(
                    "service_strategy.etag", "the strategy changed since it was read"
                )
            updated = replace(
                strategy,
                customer_id=customer_id,
                version=(current.version if current else 0) + 1,
                update_time=self.kernel.clock.now(),
                updated_by=principal.employee_id,
            )
            updated = replace(updated, etag=strategy_etag(updated))
            await store.save_strategy(conn, updated)
            return updated
