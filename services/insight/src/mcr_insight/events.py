"""The archive's events insight's areas share: account teams, whose members see the customer
(decision 11; handled by `service.CustomerStakeholders`). Each area's events are in its own
`events` module."""

from __future__ import annotations

from mcr_core.bus import Subscription

ARCHIVE_TEAMS = Subscription(
    "insight-archive-teams", "archive", ("mcr.archive.account_team.changed",)
)
