"""Naming a customer: an id, a resource name or a unique display name, and a refusal that says
what was looked up and names the candidates."""

from __future__ import annotations

import pytest
from mcr_cli.customers import Customer, CustomerNotFound, resolve

BOOK = [
    Customer("c-1", "南海电信集团"),
    Customer("c-2", "南海电信广东分公司"),
    Customer("c-3", "Atlântico Telecom S.A."),
    Customer("c-4", "Twin"),
    Customer("c-5", "twin"),
]
BY_ID = {c.id: c for c in BOOK}


def lookups():
    asked: list[tuple[str, str]] = []

    def get(customer_id: str) -> Customer | None:
        asked.append(("id", customer_id))
        return BY_ID.get(customer_id)

    def search(text: str) -> list[Customer]:
        asked.append(("name", text))
        # as the archive's search: case and spacing folded
        folded = "".join(text.split()).casefold()
        return [c for c in BOOK if folded in "".join(c.display_name.split()).casefold()]

    return get, search, asked


@pytest.mark.parametrize(
    "given", ["c-3", "customers/c-3", "Atlântico Telecom S.A.", "  atlântico  telecom s.a. "]
)
def test_one_customer_by_id_resource_name_or_display_name(given):
    get, search, _ = lookups()
    assert resolve(given, get, search) == BOOK[2]


def test_a_resource_name_is_looked_up_by_id_only():
    get, search, asked = lookups()
    with pytest.raises(CustomerNotFound, match=r"^no customer customers/c-9 that you can see$"):
        resolve("customers/c-9", get, search)
    assert asked == [("id", "c-9")]


def test_an_unknown_or_ambiguous_name_names_the_candidates():
    get, search, _ = lookups()
    with pytest.raises(CustomerNotFound) as partial:
        resolve("南海电信", get, search)
    assert str(partial.value) == (
        "no customer you can see has the name '南海电信'; names containing it: "
        "南海电信集团 (customers/c-1); 南海电信广东分公司 (customers/c-2)"
    )
    with pytest.raises(CustomerNotFound, match="2 customers you can see are named 'TWIN'"):
        resolve("TWIN", get, search)
    with pytest.raises(CustomerNotFound, match=r"^no customer you can see has the id or the name"):
        resolve("nothing-like-it", get, search)
