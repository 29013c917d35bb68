"""Unit scoping: who sees, who acts, who reads figures, who sees personal data."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cchc.accounts import access
from cchc.accounts.models import Role
from cchc.dossiers import services
from cchc.testing.factories import UserFactory, received_dossier, user_with_role


def test_commune_a_officer_cannot_see_or_act_on_commune_b(cast):
    """An officer of commune A neither sees nor opens nor acts on a dossier of commune B."""
    b = received_dossier(cast.commune_b)
    a = received_dossier(cast.commune_a)
    assert list(access.dossiers_visible_to(cast.desk_a)) == [a]
    with pytest.raises(Http404):
        access.get_dossier_for_user(cast.desk_a, b.code)
    assert access.roles_for(cast.desk_a, b) == set()
    assert access.get_dossier_for_user(cast.desk_b, b.code, write=True) == b


def test_roles_at_receiving_and_processing_units(cast):
    """The district office's staff act once the dossier is processed there; the commune desk keeps its role."""
    d = received_dossier(cast.commune_a)
    assert access.roles_for(cast.specialist_office, d) == set()
    services.dossier_assign(dossier=d, by=cast.desk_a, to=cast.specialist_office, processing_unit=cast.office)
    assert access.roles_for(cast.specialist_office, d) == {Role.SPECIALIST}
    assert access.roles_for(cast.leader_office, d) == {Role.LEADER}
    assert access.roles_for(cast.desk_a, d) == {Role.DESK_OFFICER}
    assert d in access.dossiers_visible_to(cast.specialist_office)
    district_dossier = received_dossier(cast.district)
    assert access.roles_for(cast.desk_district, district_dossier) == {Role.DESK_OFFICER}


def test_reform_officer_reads_the_district_but_never_acts_or_sees_personal_data(cast):
    """A district reform officer sees the district's dossiers and figures units, read-only, without names."""
    a, b, own = received_dossier(cast.commune_a), received_dossier(cast.commune_b), received_dossier(cast.district)
    user = cast.reform_officer
    assert set(access.dossiers_visible_to(user)) == {a, b, own}
    assert access.get_dossier_for_user(user, a.code) == a
    with pytest.raises(PermissionDenied):
        access.get_dossier_for_user(user, a.code, write=True)
    assert access.roles_for(user, a) == set()
    assert not access.can_see_personal_data(user, a)
    assert access.can_see_personal_data(cast.desk_a, a)
    assert set(access.units_for_figures(user)) == {cast.district, cast.office, cast.commune_a, cast.commune_b}
    assert cast.province not in access.units_for_figures(user)


def test_district_leader_reads_subtree_commune_leader_does_not(cast):
    a = received_dossier(cast.commune_a)
    assert a in access.dossiers_visible_to(cast.leader_district)
    assert not access.can_see_personal_data(cast.leader_district, a)
    assert set(access.units_for_figures(cast.leader_a)) == {cast.commune_a}
    assert not access.dossiers_visible_to(cast.leader_b).exists()


def test_administrator_and_strangers(cast):
    """Administrators get no dossier roles; a user without membership sees nothing; superusers see all."""
    a = received_dossier(cast.commune_a)
    admin = user_with_role(cast.commune_a, Role.ADMINISTRATOR, "admin_a")
    assert access.roles_for(admin, a) == set()
    assert a in access.dossiers_visible_to(admin)
    stranger = UserFactory(username="stranger")
    assert not access.dossiers_visible_to(stranger).exists()
    assert not access.units_for_figures(stranger).exists()
    root = UserFactory(username="root", is_superuser=True)
    assert a in access.dossiers_visible_to(root)
    assert not access.can_see_personal_data(root, a)
    inactive = user_with_role(cast.commune_a, Role.DESK_OFFICER, "gone")
    inactive.is_active = False
    inactive.save()
    assert access.roles_for(inactive, a) == set()


def test_user_units(cast):
    both = user_with_role(cast.commune_a, Role.DESK_OFFICER, "two_hats")
    user_with_role(cast.commune_b, Role.SPECIALIST, "two_hats")
    assert set(access.user_units(both)) == {cast.commune_a, cast.commune_b}
    assert list(access.user_units(both, roles=[Role.SPECIALIST])) == [cast.commune_b]
