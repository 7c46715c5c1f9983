"""Manufacturing's planning hooks: decision chains by ownership type.

The book gives the principle, not the chains (§1.19): 「决策链在不同类型的公司中会有所差异,比如
民企、国企、外企、上市公司的决策模式可能并不一样。所有制不同,决策模式不同;股本构成不同,决策模式也
不同」. The patterns below are this pack's reading of how plants and distributors of each
ownership type buy equipment; a region that knows its customers better ships its own pack.
"""

from mcr_core.plugins import hookimpl
from mcr_planning.hooks import CustomerContext, DecisionPattern, DecisionRole

# The pack's hook API version and scope, read by the plugin host from each hook module.
from mcr_pack_manufacturing import MCR_HOOK_API as MCR_HOOK_API
from mcr_pack_manufacturing import MCR_SCOPE as MCR_SCOPE

R = DecisionRole
PATTERNS = {
    "state_owned": DecisionPattern(
        (R.INITIATOR, R.USER, R.INFLUENCER, R.DECIDER, R.APPROVER, R.BUYER),
        "state-owned: the plant's management decides, its group or the state-assets supervisor "
        "approves large purchases, and procurement runs a public tender",
    ),
    "private": DecisionPattern(
        (R.INITIATOR, R.DECIDER, R.BUYER),
        "privately owned: the owner decides himself; the rest of the chain only executes",
    ),
    "foreign": DecisionPattern(
        (R.INITIATOR, R.USER, R.DECIDER, R.APPROVER, R.BUYER),
        "foreign-owned: the local plant decides within a budget its headquarters approves, and "
        "buys through the group's global procurement",
    ),
    "listed": DecisionPattern(
        (R.INITIATOR, R.USER, R.INFLUENCER, R.DECIDER, R.APPROVER, R.BUYER),
        "listed: the board or its committee approves what exceeds the disclosure thresholds",
    ),
}


@hookimpl
def planning_decision_pattern(customer: CustomerContext) -> DecisionPattern | None:
    """The roles a manufacturer's or distributor's purchases pass through, by how it is owned;
    None for an unknown ownership type (the pack is asked only for its own industries)."""
    return PATTERNS.get(customer.ownership_type)
