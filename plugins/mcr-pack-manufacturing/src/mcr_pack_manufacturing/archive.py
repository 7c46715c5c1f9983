"""Manufacturing and distribution archive hooks."""

from mcr_archive.hooks import Industry
from mcr_core.plugins import hookimpl

MCR_HOOK_API = (1,)


@hookimpl
def archive_industries() -> list[Industry]:
    """Discrete and process manufacturers, and wholesale distributors."""
    return [
        Industry("discrete_manufacturing", "Discrete manufacturing", "离散制造"),
        Industry("process_manufacturing", "Process manufacturing", "流程制造"),
        Industry("wholesale_distribution", "Wholesale distribution", "批发分销"),
    ]
