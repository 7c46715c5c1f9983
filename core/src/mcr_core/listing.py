"""List requests in the AIP style: a small filter language and opaque page tokens.

Filters are comparisons joined by AND (AIP-160 subset): `field = "value"`, `field != value`,
`field : "text"` (contains, case-insensitive). Each service declares which fields may be used.
Page tokens are opaque: base64 of the last row's sort key, bound to the filter they came with.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass

from mcr_core.errors import InvalidArgument

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000

_TOKEN = re.compile(
    r"""\s*(?:(?P<and>AND\b)|(?P<op>!=|=|:)|"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<word>[^\s=!:"]+))""",
)


@dataclass(frozen=True)
class Comparison:
    field: str
    op: str  # "=", "!=" or ":"
    value: str


def parse_filter(text: str, fields: frozenset[str]) -> list[Comparison]:
    """Parse `text` into comparisons on `fields`; anything else is INVALID_ARGUMENT `filter`."""
    tokens: list[tuple[str, str]] = []
    pos, text = 0, text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise InvalidArgument.field("filter", f"cannot read the filter at position {pos}")
        kind = match.lastgroup or "word"
        value = match.group(kind)
        if kind == "quoted":
            value = re.sub(r"\\(.)", r"\1", value)
        tokens.append((kind, value))
        pos = match.end()
    comparisons: list[Comparison] = []
    index = 0
    while index < len(tokens):
        window = tokens[index : index + 3]
        if len(window) < 3 or window[0][0] != "word" or window[1][0] != "op":
            raise InvalidArgument.field(
                "filter", "expected `field = value` comparisons joined by AND"
            )
        (_, name), (_, op), (value_kind, value) = window
        if name not in fields:
            allowed = ", ".join(sorted(fields))
            raise InvalidArgument.field(
                "filter", f"cannot filter on {name!r}; use one of {allowed}"
            )
        if value_kind not in ("quoted", "word"):
            raise InvalidArgument.field("filter", f"missing value after {name} {op}")
        comparisons.append(Comparison(name, op, value))
        index += 3
        if index < len(tokens):
            if tokens[index][0] != "and":
                raise InvalidArgument.field("filter", "join comparisons with AND")
            index += 1
            if index == len(tokens):
                raise InvalidArgument.field("filter", "the filter ends with AND")
    return comparisons


def page_size(requested: int) -> int:
    if requested < 0:
        raise InvalidArgument.field("page_size", "must not be negative")
    return min(requested or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def _fingerprint(filter_text: str) -> str:
    return hashlib.sha256(filter_text.encode()).hexdigest()[:16]


def encode_page_token(key: list, filter_text: str) -> str:
    raw = json.dumps({"k": key, "f": _fingerprint(filter_text)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_page_token(token: str, filter_text: str) -> list | None:
    """The sort key a page token carries, or None for the first page."""
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
        key, fingerprint = data["k"], data["f"]
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidArgument.field("page_token", "not a token this API issued") from exc
    if fingerprint != _fingerprint(filter_text) or not isinstance(key, list):
        raise InvalidArgument.field("page_token", "was issued for a different filter")
    return key
