"""Exchange tests check messages in English, whatever LANGUAGE_CODE says."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield
