"""Admin for users and their memberships (role at a unit)."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from cchc.lib.admin import ReadOnlyAdminMixin
from cchc.lib.vietnamese_names import PermissionLabelsMixin

from .models import Membership, PersonalDataView, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(PermissionLabelsMixin, BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "full_name", "email", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = [
        *(BaseUserAdmin.fieldsets or ()),
        (_("One-stop"), {"fields": ["full_name", "phone"]}),
    ]


# The groups' admin, its permissions named in Vietnamese (cchc.lib.vietnamese_names).
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(PermissionLabelsMixin, BaseGroupAdmin):
    pass


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role", "unit__level"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]


@admin.register(PersonalDataView)
class PersonalDataViewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The log of personal data shown: read by an administrator, written only by the pages that show it."""

    list_display = ["at", "user", "dossier", "page"]
    list_filter = ["page", "at"]
    search_fields = ["user__username", "user__full_name", "dossier__code"]
    date_hierarchy = "at"
    list_select_related = ["user", "dossier"]
    raw_id_fields = ["user", "dossier"]
