"""Checks of the production set-up that every `cchc` command runs: the document storage and the task queue."""

from __future__ import annotations

import importlib.util
from typing import Any

from django.conf import settings
from django.core.checks import Error, register
from django.utils.translation import gettext as _

STORAGES = ("filesystem", "s3")
TASK_BACKENDS = ("immediate", "database")


@register()
def storage_errors(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    storage = getattr(settings, "CCHC_STORAGE", "filesystem")
    if storage not in STORAGES:
        return [Error(_("CCHC_STORAGE=%(value)s is not one of: filesystem, s3.") % {"value": storage}, id="ops.E001")]
    if storage != "s3":
        return []
    errors = []
    if importlib.util.find_spec("storages") is None or importlib.util.find_spec("boto3") is None:
        errors.append(
            Error(
                _("CCHC_STORAGE=s3 needs django-storages with boto3."),
                hint=_("Install them with: pip install 'cchc[s3]'"),
                id="ops.E002",
            )
        )
    if not settings.STORAGES["default"].get("OPTIONS", {}).get("bucket_name"):
        errors.append(Error(_("CCHC_STORAGE=s3 needs the bucket's name in CCHC_S3_BUCKET."), id="ops.E003"))
    return errors


@register()
def task_backend_errors(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    backend = getattr(settings, "CCHC_TASKS_BACKEND", "immediate")
    if backend in TASK_BACKENDS:
        return []
    return [
        Error(_("CCHC_TASKS_BACKEND=%(value)s is not one of: immediate, database.") % {"value": backend}, id="ops.E004")
    ]
