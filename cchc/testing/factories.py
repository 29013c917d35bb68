"""factory_boy factories shared by every app's tests: one per model, and one per dossier state."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from cchc.accounts.models import Membership, Role, User
from cchc.procedures.models import ComponentDocument, OnlineService, Procedure, ProcedureLevel
from cchc.units.models import Unit, UnitLevel

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args: int) -> dt.datetime:
    """An aware local datetime: local(2023, 7, 3, 9, 0)."""
    return dt.datetime(*args, tzinfo=LOCAL)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.LazyAttribute(lambda o: f"UBND {o.code}")
    level = UnitLevel.COMMUNE
    agency_code = factory.Sequence(lambda n: f"000.{n:02d}.27.H45")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="vi_VN")
    password = factory.django.Password("pass-1234")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Role.DESK_OFFICER


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"1.{n:06d}")
    name = factory.Sequence(lambda n: f"Thủ tục số {n}")
    field = "Hộ tịch"
    level = ProcedureLevel.COMMUNE
    processing_days = Decimal("3")
    online_service = OnlineService.PARTIAL
    fee = None
    posted = True


class ComponentDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComponentDocument

    procedure = factory.SubFactory(ProcedureFactory)
    name = factory.Sequence(lambda n: f"Giấy tờ {n}")


def user_with_role(unit: Unit, role: str, username: str | None = None) -> User:
    user = UserFactory(username=username) if username else UserFactory()
    Membership.objects.get_or_create(user=user, unit=unit, role=role)
    return user


def now_local() -> dt.datetime:
    return timezone.localtime()
