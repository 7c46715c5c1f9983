"""Telecom's archive hooks: the industry customers are filed under."""

from mcr_archive.hooks import Industry
from mcr_core.plugins import hookimpl

from mcr_pack_telecom import INDUSTRY

MCR_HOOK_API = (1,)


@hookimpl
def archive_industries() -> list[Industry]:
    """Telecom operators, groups and their provincial companies alike."""
    return [Industry(INDUSTRY, "Telecom operators", "电信运营商")]
