"""The console's two string catalogues match, and every literal key the console uses exists."""

from __future__ import annotations

import json
import re

from mcr_gateway.console import STATIC

CATALOGUES = {
    lang: json.loads((STATIC / "i18n" / f"{lang}.json").read_text()) for lang in ("en", "zh")
}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_both_catalogues_have_the_same_keys():
    assert set(CATALOGUES["en"]) == set(CATALOGUES["zh"])


def test_translations_keep_their_placeholders_and_are_not_empty():
    for key, english in CATALOGUES["en"].items():
        chinese = CATALOGUES["zh"][key]
        assert english.strip() and chinese.strip(), key
        assert set(PLACEHOLDER.findall(english)) == set(PLACEHOLDER.findall(chinese)), key


def test_every_key_the_console_names_is_in_the_catalogue():
    used = set()
    for source in [*STATIC.rglob("*.js"), STATIC / "index.html"]:
        text = source.read_text()
        used |= set(re.findall(r"""\bt\("([\w.]+)"[,)]""", text))
        used |= set(re.findall(r'data-i18n="([\w.]+)"', text))
        used |= set(re.findall(r'nav: "([\w.]+)"', text))
    assert used, "the pattern found no keys"
    assert used - set(CATALOGUES["en"]) == set()
