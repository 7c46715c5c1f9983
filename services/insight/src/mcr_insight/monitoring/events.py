"""Portfolio monitoring's events: the archive's yearly revenue it consumes (for the value-return
curve and the tiers' purchase shares, handled by `ValueReturn`)."""

from __future__ import annotations

from mcr_core.bus import Subscription

REVENUE = Subscription("insight-archive-revenue", "archive", ("mcr.archive.revenue.recorded",))
