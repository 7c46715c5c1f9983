"""The AIP-160 filter subset and page tokens."""

import pytest
from mcr_core.errors import InvalidArgument
from mcr_core.listing import (
    Comparison,
    decode_page_token,
    encode_page_token,
    page_size,
    parse_filter,
)

FIELDS = frozenset({"industry", "display_name", "country_code"})


def test_parses_comparisons_joined_by_and():
    assert parse_filter(
        'industry = "telecom" AND display_name : "华 南" AND country_code != CN', FIELDS
    ) == [
        Comparison("industry", "=", "telecom"),
        Comparison("display_name", ":", "华 南"),
        Comparison("country_code", "!=", "CN"),
    ]
    assert parse_filter("", FIELDS) == []


@pytest.mark.parametrize(
    "text",
    [
        'secret = "x"',
        "industry =",
        'industry = "a" OR industry = "b"',
        'industry = "a" AND',
        "= x",
        'industry "a"',
    ],
)
def test_bad_filters_name_the_filter_field(text):
    with pytest.raises(InvalidArgument) as error:
        parse_filter(text, FIELDS)
    assert error.value.violations[0].field == "filter"


def test_page_tokens_are_bound_to_their_filter():
    token = encode_page_token(["2026-01-01T00:00:00+00:00", "abc"], 'industry = "x"')
    assert decode_page_token(token, 'industry = "x"') == ["2026-01-01T00:00:00+00:00", "abc"]
    with pytest.raises(InvalidArgument, match="different filter"):
        decode_page_token(token, "")
    with pytest.raises(InvalidArgument, match="page_token"):
        decode_page_token("%%%", "")


def test_page_size_defaults_and_caps():
    assert page_size(0) == 50
    assert page_size(5000) == 1000
    with pytest.raises(InvalidArgument, match="page_size"):
        page_size(-1)
