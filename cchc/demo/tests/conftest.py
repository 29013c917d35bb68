"""The demo data set, loaded once for the demo's database tests and rolled back after them."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from cchc.demo.load import demo_load


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo in an outer transaction; each test runs in a savepoint inside it, and the whole load is
    rolled back when the module is done, so no other test ever sees the demo data."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield demo_load()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
