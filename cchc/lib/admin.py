"""Admin helpers shared by the apps."""

from __future__ import annotations

from typing import Any


class ReadOnlyAdminMixin:
    """An admin (or inline) that shows rows and never adds, changes or deletes them: logs and audit trails."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
