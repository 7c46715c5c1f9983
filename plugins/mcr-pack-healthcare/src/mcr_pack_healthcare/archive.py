"""Healthcare's archive hooks: hospitals filed by grade, since the grade carries value."""

from mcr_archive.hooks import Industry
from mcr_core.plugins import hookimpl

from mcr_pack_healthcare import HOSPITAL, TOP_GRADE

# The pack's hook API version and scope, read by the plugin host from each hook module.
from mcr_pack_healthcare import MCR_HOOK_API as MCR_HOOK_API
from mcr_pack_healthcare import MCR_SCOPE as MCR_SCOPE


@hookimpl
def archive_industries() -> list[Industry]:
    """Top-grade (三甲) hospitals apart from the others: insight values them differently."""
    return [
        Industry(TOP_GRADE, "Top-grade (3A) hospitals", "三级甲等医院"),
        Industry(HOSPITAL, "Other hospitals and clinics", "其他医院"),
    ]
