"""The portal's proof of holding a dossier: the tracking secret or the applicant's phone number."""

from __future__ import annotations

import pytest

from cchc.dossiers.codes import SECRET_ALPHABET, SECRET_LENGTH, new_tracking_secret
from cchc.dossiers.models import Dossier
from cchc.portal.access import matches, phone_digits


def test_a_secret_uses_only_letters_a_citizen_copies_without_confusion():
    secrets = {new_tracking_secret() for _ in range(200)}
    assert len(secrets) == 200
    for s in secrets:
        assert len(s) == SECRET_LENGTH and set(s) <= set(SECRET_ALPHABET)
        assert not set(s) & set("01OIL5S")


@pytest.mark.parametrize("typed", ["+84 912 345 678", "0912345678", "84912345678", "0912.345.678"])
def test_a_phone_number_matches_in_any_usual_spelling(typed):
    assert phone_digits(typed) == "912345678"
    assert matches(Dossier(applicant_phone="0912 345 678"), phone=typed)


def test_neither_a_wrong_secret_a_partial_phone_nor_nothing_matches():
    dossier = Dossier(tracking_secret="K7QF9XPM", applicant_phone="0912345678")
    assert matches(dossier, secret="k7qf-9xpm")
    assert not matches(dossier, secret="K7QF9XPN")
    assert not matches(dossier, phone="345678")
    assert not matches(dossier)
    assert not matches(Dossier(tracking_secret=""), secret="")
    assert not matches(Dossier(applicant_phone=""), phone="0")
