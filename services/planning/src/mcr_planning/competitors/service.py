"""Competitor analysis: the six questions about a competitor at a customer (book §1.18 step 3)."""

from __future__ import annotations

from mcr_core.auth import Principal
from mcr_core.errors import NotFound
from mcr_core.service import Kernel

from mcr_planning.competitors import store
from mcr_planning.competitors.domain import CompetitorAnalysis, check_competitor_answers
from mcr_planning.service import visible_team


class Competitors:
    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel

    async def update_competitor(
        self, principal: Principal, customer_id: str, competitor: str, answers: dict[str, str]
    ) -> CompetitorAnalysis:
        """The answers given replace the old ones; unanswered questions keep theirs."""
        check_competitor_answers(answers)
        async with self.kernel.db.transaction() as conn:
            await visible_team(self.kernel, conn, principal, customer_id)
            old = await store.get_analysis(conn, customer_id, competitor)
            merged = (dict(old.answers) if old else {}) | {k: v.strip() for k, v in answers.items()}
            analysis = CompetitorAnalysis(customer_id, competitor, merged, self.kernel.clock.now())
            await store.save_analysis(conn, analysis)
            return analysis

    async def get_competitor(
        self, principal: Principal, customer_id: str, competitor: str
    ) -> CompetitorAnalysis:
        async with self.kernel.db.read() as conn:
            await visible_team(self.kernel, conn, principal, customer_id)
            found = await store.get_analysis(conn, customer_id, competitor)
        if found is None:
            raise NotFound(f"customers/{customer_id}/competitorAnalyses/{competitor} not found")
        return found
