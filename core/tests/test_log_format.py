"""The JSON log lines: an error's place and type are logged, never the values in its message."""

from __future__ import annotations

import json
import logging
import sys

from mcr_core.telemetry import JsonFormatter


def test_an_exception_is_logged_without_its_message():
    name = "".join(["张", "伟"])  # a runtime value: not on the source line the traceback shows
    try:
        try:
            raise KeyError(name * 2)
        except KeyError as cause:
            raise ValueError(f"{name} cannot be used in worksheets") from cause
    except ValueError:
        record = logging.LogRecord(
            "mcr", logging.ERROR, __file__, 1, "failed", None, sys.exc_info()
        )
    entry = json.loads(JsonFormatter("archive").format(record))
    assert name not in entry["exception"]
    assert "test_log_format.py" in entry["exception"]
    assert entry["exception"].endswith(
        "builtins.ValueError <- builtins.KeyError (message withheld)"
    )
