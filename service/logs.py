"""How the service logs: a line per event on standard error, as text (``WARNING: ...``) or, with
``ocmw serve --log-format json``, as one JSON object per line (python-json-logger): ``timestamp``
(UTC, ISO 8601), ``level``, ``logger``, ``message``, and ``exc_info`` with the traceback of an error;
uvicorn's own lines too, and the lines said at start (``at_start``). The worker processes read the
format from ``OCMW_LOG_FORMAT``."""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

LOG_FORMATS = ("text", "json")
FORMAT_VARIABLE = "OCMW_LOG_FORMAT"


def configure(log_format: str | None = None) -> None:
    """Log warnings and errors to standard error in ``log_format`` (else as ``OCMW_LOG_FORMAT`` says,
    else as text), in place of the plain stream handler set before (``logging.basicConfig``'s)."""
    chosen = log_format or os.environ.get(FORMAT_VARIABLE) or "text"
    handler = logging.StreamHandler()
    if chosen == "json":
        from pythonjsonlogger.json import JsonFormatter  # only when asked: `ocmw --help` starts without it

        handler.setFormatter(
            JsonFormatter(
                "{levelname}{name}{message}",
                style="{",
                rename_fields={"levelname": "level", "name": "logger"},
                timestamp=True,
                json_ensure_ascii=False,
            )
        )
    else:
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root = logging.getLogger()
    for plain in [installed for installed in root.handlers if type(installed) is logging.StreamHandler]:
        root.removeHandler(plain)  # logging.basicConfig's, or an earlier one of this function
    root.addHandler(handler)
    root.setLevel(logging.WARNING)


_STARTING = logging.getLogger("ocmw.serve")
_STARTING.setLevel(logging.INFO)  # its lines are said whatever the level of the others


def at_start(message: str, *, warning: bool = False) -> None:
    """A line the service says as it starts, on standard error: as written (a warning after
    ``warning:``), or as a JSON line like the log's (level INFO or WARNING, logger ``ocmw.serve``)
    when ``OCMW_LOG_FORMAT`` is ``json``, so that everything it writes there is read the same way."""
    if os.environ.get(FORMAT_VARIABLE) == "json":
        _STARTING.log(logging.WARNING if warning else logging.INFO, message)
    else:
        print(f"warning: {message}" if warning else message, file=sys.stderr, flush=True)


def uvicorn_config() -> dict[str, Any] | None:
    """uvicorn's logging: its own text, or none of its own for JSON lines, so that its lines go
    through the root's handler."""
    if os.environ.get(FORMAT_VARIABLE) == "json":
        return None
    from uvicorn.config import LOGGING_CONFIG

    return LOGGING_CONFIG
