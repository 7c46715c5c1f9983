"""Finance and internet planning hooks: goals revised every quarter.

Book ch.3 §1.16 step 4: firms whose market goals move fast revise them quarterly, and then
the relationship goals must be revised quarterly too
(「比如每个季度做一次调整,那么客户关系的目标也得改为季度调整」); the default is one half-year
revision.
"""

from mcr_core.plugins import hookimpl
from mcr_planning.hooks import CycleCalendar

# The pack's hook API version and scope, read by the plugin host from each hook module.
from mcr_pack_finance import MCR_HOOK_API as MCR_HOOK_API
from mcr_pack_finance import MCR_SCOPE as MCR_SCOPE


@hookimpl
def planning_cycle(tier: str) -> CycleCalendar:
    """The default calendar with a revision at the end of each of the first three quarters."""
    return CycleCalendar(revisions=((3, 31), (6, 30), (9, 30)))
