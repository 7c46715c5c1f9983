"""Search by name in Chinese, pinyin and Latin (case and accents folded), industry, region,
tier and owner, on customers and persons, only within what the caller may see."""

from __future__ import annotations

import grpc
from archive_kit import customer, fields, person, refused
from archive_people import HEAD, OTHER_REGION, OWNER, PEER
from mcr.archive.v1 import archive_service_pb2 as pb


async def names(call, field: str = "persons") -> set[str]:
    return {item.display_name for item in getattr(await call, field)}


async def test_persons_by_chinese_pinyin_and_latin_names(stub, auth):
    account = await customer(stub, auth, "南海电信", industry="telecom")
    for name in ("张伟", "张伟明", "李娜", "José Müller"):
        await person(stub, auth, account.name, name)

    def search(query: str, claims=OWNER, **criteria):
        return names(
            stub.SearchPersons(
                pb.SearchPersonsRequest(query=query, **criteria), metadata=auth(**claims)
            )
        )

    assert await search("张伟") == {"张伟", "张伟明"}
    assert await search("zhang wei") == {"张伟", "张伟明"}
    assert await search("ZhangWei") == {"张伟", "张伟明"}
    assert await search("zhangweiming") == {"张伟明"}
    assert await search("zwm") == {"张伟明"}  # pinyin initials
    assert await search("jose muller") == {"José Müller"}  # accents folded
    assert await search("MÜLLER") == {"José Müller"}
    assert await search("li", industry="telecom") == {"李娜"}
    assert await search("li", industry="finance") == set()
    assert await search("zhang", owner="employees/e-1001") == {"张伟", "张伟明"}
    assert await search("zhang", owner="employees/e-1002") == set()
    assert await search("zhang", region="eu-west") == set()  # regions are isolated
    assert await search("zhang", HEAD) == {"张伟", "张伟明"}  # a superior sees subordinates'
    assert await search("zhang", PEER) == set()  # a peer does not
    assert await search("zhang", OTHER_REGION) == set()

    page = await stub.SearchPersons(
        pb.SearchPersonsRequest(query="zhang", page_size=1), metadata=auth()
    )
    rest = await stub.SearchPersons(
        pb.SearchPersonsRequest(query="zhang", page_size=1, page_token=page.next_page_token),
        metadata=auth(),
    )
    assert {page.persons[0].display_name, rest.persons[0].display_name} == {"张伟", "张伟明"}
    assert rest.next_page_token == ""
    changed = await refused(
        stub.SearchPersons(
            pb.SearchPersonsRequest(query="li", page_size=1, page_token=page.next_page_token),
            metadata=auth(),
        )
    )
    assert changed.code() == grpc.StatusCode.INVALID_ARGUMENT
    empty = await refused(
        stub.SearchPersons(pb.SearchPersonsRequest(query="  -- "), metadata=auth())
    )
    assert fields(empty) == ["query"]


async def test_customers_by_name_industry_tier_and_owner(stub, auth):
    await customer(stub, auth, "广东移动", industry="telecom")
    await customer(stub, auth, "Grüne Bank AG", industry="finance")
    await customer(stub, auth, "广州银行", industry="finance", claims=PEER)

    def search(claims=OWNER, **criteria):
        return names(
            stub.SearchCustomers(pb.SearchCustomersRequest(**criteria), metadata=auth(**claims)),
            "customers",
        )

    assert await search(query="guangdong") == {"广东移动"}
    assert await search(query="gdyd") == {"广东移动"}
    assert await search(query="grune") == {"Grüne Bank AG"}
    assert await search(industry="finance") == {"Grüne Bank AG"}  # not the peer's
    assert await search(HEAD, industry="finance") == {"Grüne Bank AG", "广州银行"}
    assert await search(HEAD, owner="employees/e-1002") == {"广州银行"}
    assert await search(tier="S") == set()
    assert await search(OTHER_REGION, query="guang") == set()
    bad = await refused(
        stub.SearchCustomers(pb.SearchCustomersRequest(owner="e-1002"), metadata=auth())
    )
    assert fields(bad) == ["owner"]
