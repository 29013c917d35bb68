"""Vietnamese names in the admin for what Django derives in English: the names a model leaves to Django's defaults,
the labels of the third-party apps, and the names of the permissions.

- A field without a verbose_name gets its field name ("created_by" -> "created by") as a plain string, never
  translated, and so does an app without a verbose_name ("Axes"). `translate_default_names()` (run once from
  cchc.web's ready()) wraps those plain strings in gettext_lazy, so the catalogue translates them. It sets the
  field's `verbose_name`, not the `_verbose_name` the migrations read, so no migration follows.
- The third-party apps' own gettext_lazy labels (axes, django_tasks_db) have no Vietnamese catalogue: the project's
  one translates them (LOCALE_PATHS comes first).
- A permission's name is stored in English in the database ("Can add dossier"): `permission_label` names it from
  its action and its model's translated name instead ("Hồ sơ | hồ sơ | Thêm").

DEFAULT_NAMES lists the derived names, so that makemessages keeps their msgids in the catalogue.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.models import Permission
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy, gettext_noop

DEFAULT_NAMES = [
    # Apps without a verbose_name (the project's own have one, cchc/*/apps.py).
    gettext_noop("Axes"),
    gettext_noop("Tasks Database Backend"),
    # Models named by Django after the class.
    gettext_noop("dossier pause"),
    gettext_noop("dossier pauses"),
    gettext_noop("dossier document"),
    gettext_noop("dossier documents"),
    gettext_noop("dossier code counter"),
    gettext_noop("dossier code counters"),
    # Fields named by Django after the field (foreign keys, mostly).
    gettext_noop("id"),
    gettext_noop("user"),
    gettext_noop("unit"),
    gettext_noop("dossier"),
    gettext_noop("procedure"),
    gettext_noop("event"),
    gettext_noop("period"),
    gettext_noop("by"),
    gettext_noop("path"),
    gettext_noop("issued by"),
    gettext_noop("answered by"),
    gettext_noop("created by"),
    gettext_noop("updated by"),
    gettext_noop("submitted by"),
    gettext_noop("imported"),
    gettext_noop("waiting working days"),
    gettext_noop("processing working days"),
]


def translate_default_names() -> None:
    """Wrap in gettext_lazy the plain-string names of every app and every model field (idempotent)."""
    for config in apps.get_app_configs():
        if isinstance(config.verbose_name, str):
            config.verbose_name = gettext_lazy(config.verbose_name)
    for model in apps.get_models():
        meta = model._meta
        # The model names Django makes from the class name ("DossierPause" -> "dossier pause"); the migrations
        # read Meta's original_attrs, which stay as they are.
        # (the default plural is a lazy "{name}s" of the plain name; idempotent through _cchc_translated).
        if not getattr(meta, "_cchc_translated", False):
            for attribute in ("verbose_name", "verbose_name_plural"):
                if attribute not in meta.original_attrs:
                    setattr(meta, attribute, gettext_lazy(str(getattr(meta, attribute))))
            meta._cchc_translated = True  # type: ignore[attr-defined]
        for field in model._meta.get_fields():
            name = getattr(field, "verbose_name", None)
            if isinstance(name, str) and not isinstance(name, Promise) and getattr(field, "concrete", False):
                field.verbose_name = gettext_lazy(name)  # type: ignore[union-attr]


ACTIONS = {
    "add": gettext_noop("Add"),
    "change": gettext_noop("Change"),
    "delete": gettext_noop("Delete"),
    "view": gettext_noop("View"),
}


def permission_label(permission: Permission) -> str:
    """'<app> | <model> | <action>' in the current language, for the admin's lists of permissions."""
    model = permission.content_type.model_class()
    action, _, model_name = permission.codename.partition("_")
    if model is None:
        return str(permission)
    meta = model._meta
    app = capfirst(str(apps.get_app_config(meta.app_label).verbose_name))
    if action in ACTIONS and model_name == meta.model_name:
        what = gettext(ACTIONS[action])
    else:
        what = gettext(permission.name)
    return f"{app} | {meta.verbose_name} | {what}"


class PermissionLabelsMixin:
    """A ModelAdmin whose permission lists (user_permissions, permissions) show `permission_label`."""

    def formfield_for_manytomany(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
        if formfield is not None and db_field.related_model is Permission:
            formfield.label_from_instance = permission_label
        return formfield
