"""Planning's rule hooks as a pack sees them: a pack's relationship goal and rule numbers win
over the default pack's."""

from __future__ import annotations

import mcr_planning.defaults as defaults
import mcr_planning.hooks as specs
from mcr_core.plugins import hookimpl
from mcr_planning.hooks import (
    GeneralLevel,
    GoalKind,
    MarketGoal,
    OrgLevel,
    PlanningHooks,
    PlanningRules,
    RelationshipGoal,
)

HILLTOP = MarketGoal(GoalKind.HILLTOP, "5G core", 0, 2027, "win the group's core network")


class Ambitious:
    @staticmethod
    @hookimpl
    def planning_relationship_goal(goal):
        if goal.kind is not GoalKind.HILLTOP:
            return None
        return RelationshipGoal(OrgLevel.STRATEGIC, 3, 4, GeneralLevel.HIGH)

    @staticmethod
    @hookimpl
    def planning_rules():
        return PlanningRules(owner_target_limit=5)


def _hooks(plugin_host, *packs) -> PlanningHooks:
    host = plugin_host("planning", specs, defaults)
    for pack in packs:
        host.register(pack, name=pack.__name__)
    return PlanningHooks(host)


async def test_planning_relationship_goal_of_a_pack_wins(plugin_host):
    default = await _hooks(plugin_host).relationship_goal(HILLTOP)
    ours = await _hooks(plugin_host, Ambitious).relationship_goal(HILLTOP)
    assert ours == RelationshipGoal(OrgLevel.STRATEGIC, 3, 4, GeneralLevel.HIGH) != default


async def test_planning_rules_of_a_pack_replace_the_numbers(plugin_host):
    assert (await _hooks(plugin_host).rules()).owner_target_limit == 8
    assert (await _hooks(plugin_host, Ambitious).rules()).owner_target_limit == 5
