"""Log lines: one JSON object per line in production, a readable line in development; each line of a request
carries its request id (cchc.ops.middleware.RequestIdMiddleware sets it, RequestIdFilter puts it on the record).

settings.LOGGING attaches the filter to its console handler and picks the formatter (CCHC_LOG_FORMAT: `json`, the
default with DEBUG off, or `text`). Python's logging only: no dependency.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
from typing import Any

# The id of the request being answered in this thread (empty outside a request: commands, the worker).
request_id: contextvars.ContextVar[str] = contextvars.ContextVar("cchc_request_id", default="")

# The attributes every LogRecord has; the others were given with `extra=` and go into the JSON object.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "request_id", "rid"}


class RequestIdFilter(logging.Filter):
    """Put the current request's id on every record (as `request_id`, empty outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id, process id, the
    fields given with `extra=`, and the traceback of an exception as one string."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if rid := getattr(record, "request_id", ""):
            entry["request_id"] = rid
        entry["pid"] = record.process
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """A readable line for development: time, level, logger, [request id], message (and a traceback below)."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s%(rid)s %(message)s", datefmt="%H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        rid = getattr(record, "request_id", "")
        record.rid = f" [{rid}]" if rid else ""
        return super().format(record)
