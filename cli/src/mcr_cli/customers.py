"""Naming a customer on the command line: by its id, its resource name (`customers/<id>`, as
every listing prints it) or its display name, as long as that names one customer.

`resolve` holds the rule; the lookups come from whoever asks: the gateway's REST API (`mcr
tiers`) or the archive's gRPC API (`mcr export`). Both only ever see what the caller's token
may see, so an invisible customer is simply not found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

PREFIX = "customers/"
_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")  # the archive's ids (mcr_archive.domain._ID)
SHOWN = 10  # candidates named in a refusal


@dataclass(frozen=True)
class Customer:
    id: str
    display_name: str

    @property
    def name(self) -> str:
        return f"{PREFIX}{self.id}"

    def __str__(self) -> str:
        return f"{self.display_name} ({self.name})"


class CustomerNotFound(Exception):
    """No customer, or several, answer to what was given; the message says what was looked up
    and names the candidates."""


GetById = Callable[[str], Customer | None]
SearchByName = Callable[[str], list[Customer]]


def resolve(text: str, get: GetById, search: SearchByName) -> Customer:
    """The one customer `text` names: an id or resource name first, else an exact display
    name (case and spacing aside)."""
    given = text.strip()
    if given.startswith(PREFIX):
        customer_id = given.removeprefix(PREFIX)
        found = get(customer_id) if _ID.match(customer_id) else None
        if found is None:
            raise CustomerNotFound(f"no customer {given} that you can see")
        return found
    if _ID.match(given) and (found := get(given)) is not None:
        return found
    candidates = search(given) if given else []
    exact = [c for c in candidates if _folded(c.display_name) == _folded(given)]
    if len(exact) == 1:
        return exact[0]
    what = f"the id or the name {given!r}" if _ID.match(given) else f"the name {given!r}"
    if len(exact) > 1:
        raise CustomerNotFound(
            f"{len(exact)} customers you can see are named {given!r}; give the id of one: "
            f"{_listed(exact)}"
        )
    if candidates:
        raise CustomerNotFound(
            f"no customer you can see has {what}; names containing it: {_listed(candidates)}"
        )
    raise CustomerNotFound(f"no customer you can see has {what}")


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def _listed(customers: list[Customer]) -> str:
    shown = "; ".join(map(str, customers[:SHOWN]))
    more = len(customers) - SHOWN
    return f"{shown}; and {more} more" if more > 0 else shown
