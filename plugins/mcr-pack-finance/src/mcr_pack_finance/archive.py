"""Finance and internet archive hooks: the segments that change fastest."""

from mcr_archive.hooks import Industry
from mcr_core.plugins import hookimpl

# The pack's hook API version and scope, read by the plugin host from each hook module.
from mcr_pack_finance import MCR_HOOK_API as MCR_HOOK_API
from mcr_pack_finance import MCR_SCOPE as MCR_SCOPE


@hookimpl
def archive_industries() -> list[Industry]:
    """Banks, insurers, securities firms and internet platforms."""
    return [
        Industry("bank", "Banks", "银行"),
        Industry("insurance", "Insurance", "保险"),
        Industry("securities", "Securities and asset management", "证券"),
        Industry("internet_platform", "Internet platforms", "互联网平台"),
    ]
