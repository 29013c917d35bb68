"""The receive service checks the applicant's data itself, whatever channel calls it (desk form, import, portal)."""

from __future__ import annotations

import unicodedata

import pytest

from cchc.dossiers.models import Dossier, DossierEvent
from cchc.dossiers.workflow import TransitionError
from cchc.testing.factories import APPLICANT, received_dossier


@pytest.mark.parametrize(
    "field, value",
    [
        ("id_number", "12345"),  # neither a 12-digit CCCD, a 9-digit CMND nor a passport number
        ("name", "Trần\x1bVăn"),  # an escape character
        ("address", "Thôn 1\x00"),  # NUL
    ],
)
def test_a_bad_applicant_field_is_refused_and_writes_nothing(cast, field, value):
    with pytest.raises(TransitionError):
        received_dossier(cast.commune_a, applicant={**APPLICANT, field: value})
    assert not Dossier.objects.exists() and not DossierEvent.objects.exists()


def test_the_applicants_data_is_stored_composed_and_the_id_number_normalised(cast):
    decomposed = unicodedata.normalize("NFD", "Trần Văn Thử")
    dossier = received_dossier(
        cast.commune_a, applicant={**APPLICANT, "name": decomposed, "id_number": "045 201 001 234"}
    )
    assert dossier.applicant_name == "Trần Văn Thử" and dossier.applicant_id_number == "045201001234"
