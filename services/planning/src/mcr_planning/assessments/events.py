"""The assessments' subscription: contact's key events, the evidence an assessment cites."""

from __future__ import annotations

from mcr_core.bus import Subscription

CONTACT_KEY_EVENTS = Subscription(
    "planning-contact", "contact", ("mcr.contact.key_event.recorded",)
)
