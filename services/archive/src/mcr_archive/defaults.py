"""The archive's built-in plugin: a general industry list. A plugin like any other."""

from mcr_core.plugins import hookimpl

from mcr_archive.hooks import Industry

GENERAL_INDUSTRIES = (
    Industry("telecom", "Telecom operators", "电信运营商"),
    Industry("finance", "Financial services", "金融"),
    Industry("internet", "Internet", "互联网"),
    Industry("healthcare", "Healthcare", "医疗"),
    Industry("manufacturing", "Manufacturing", "制造"),
    Industry("distribution", "Distribution", "分销"),
    Industry("energy", "Energy and utilities", "能源"),
    Industry("government", "Government and public sector", "政府与公共事业"),
    Industry("transport", "Transport", "交通"),
    Industry("education", "Education", "教育"),
    Industry("retail", "Retail", "零售"),
    Industry("other", "Other", "其他"),
)


@hookimpl
def archive_industries() -> list[Industry]:
    return list(GENERAL_INDUSTRIES)
