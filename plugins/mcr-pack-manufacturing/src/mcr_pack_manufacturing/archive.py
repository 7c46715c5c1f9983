"""Manufacturing and distribution archive hooks."""

from mcr_archive.hooks import Industry
from mcr_core.plugins import hookimpl

# The pack's hook API version and scope, read by the plugin host from each hook module.
from mcr_pack_manufacturing import MCR_HOOK_API as MCR_HOOK_API
from mcr_pack_manufacturing import MCR_SCOPE as MCR_SCOPE


@hookimpl
def archive_industries() -> list[Industry]:
    """Discrete and process manufacturers, and wholesale distributors."""
    return [
        Industry("discrete_manufacturing", "Discrete manufacturing", "离散制造"),
        Industry("process_manufacturing", "Process manufacturing", "流程制造"),
        Industry("wholesale_distribution", "Wholesale distribution", "批发分销"),
    ]
