"""The built-in default pack: survey templates for any industry (book ch.5 §3.5), a plugin
like any other. Industry packs registered later answer first."""

from __future__ import annotations

from mcr_core.plugins import CustomerContext, hookimpl

_TEMPLATES = {
    # A project survey asks about the product and the delivery (in-sale) service.
    "project": ["product", "in_sale", "after_sale"],
    # An exhibition revisit asks how the pre-sale work and the brand came across.
    "activity": ["pre_sale", "brand"],
    # The annual third-party survey covers everything.
    "third_party": ["product", "pre_sale", "in_sale", "after_sale", "brand"],
    "self": ["product", "pre_sale", "in_sale", "after_sale", "brand"],
    # A key person is surveyed again after their issue was closed: the after-sale service.
    "resurvey": ["after_sale"],
}


@hookimpl
def satisfaction_survey_dimensions(kind: str, customer: CustomerContext) -> list[str] | None:
    return _TEMPLATES.get(kind)
