"""/healthz: the process answers (no database). /readyz: the database answers, and so does the task queue's table
when the database queue is used; 503 with a JSON body naming what failed. Both also answered first of all by
cchc.ops.middleware.HealthMiddleware, so a probe needs no host name, no HTTPS and no log-in."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

logger = logging.getLogger("cchc.health")

DATABASE_QUEUE = "django_tasks_db.DatabaseBackend"


def _no_store(response: JsonResponse) -> JsonResponse:
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return _no_store(JsonResponse({"status": "ok"}))


def uses_database_queue() -> bool:
    return any(backend.get("BACKEND") == DATABASE_QUEUE for backend in settings.TASKS.values())


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_queue() -> None:
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.only("pk").first()


@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """Each check is "ok", "failed" (the reason is logged, not shown: it names hosts and ports) or "not checked"."""
    checks: dict[str, str] = {}
    for name, check in [("database", _check_database), ("queue", _check_queue)]:
        if name == "queue" and not uses_database_queue():
            continue
        if name == "queue" and checks["database"] != "ok":
            checks[name] = "not checked"
            continue
        try:
            check()
        except DatabaseError as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            logger.warning("readyz: the %s check failed: %s: %s", name, type(exc).__name__, first_line)
            checks[name] = "failed"
        else:
            checks[name] = "ok"
    failed = [name for name, state in checks.items() if state == "failed"]
    body = {"status": "unavailable" if failed else "ok", "checks": checks, "failed": failed}
    return _no_store(JsonResponse(body, status=503 if failed else 200))
