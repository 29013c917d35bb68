"""Backups (README, Deploying): `cchc backup` of the PostgreSQL test database and `cchc restore` of it into another,
where the rows are found; a restore refuses a database that is not empty, and writes nothing."""

from __future__ import annotations

import io

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from cchc.testing.factories import APPLICANT, received_dossier

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def admin_connection() -> psycopg.Connection:
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def other_database():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    name = f"{connection.settings_dict['NAME']}_restored"
    with admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    db = connection.settings_dict
    credentials = f"{db['USER']}{':' + db['PASSWORD'] if db['PASSWORD'] else ''}@" if db["USER"] else ""
    yield name, f"postgres://{credentials}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    with admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restored_into_another_database_holds_the_rows(cast, tmp_path, other_database):
    name, url = other_database
    dossier = received_dossier(cast.commune_a, applicant={**APPLICANT, "name": "Hoàng Thị Sao Lưu"})
    out = io.StringIO()
    call_command("backup", str(tmp_path / "cchc.dump"), stdout=out)
    assert (tmp_path / "cchc.dump").stat().st_size > 10_000 and "Đã ghi bản sao lưu" in out.getvalue()
    assert not list(tmp_path.glob("*.partial"))
    out = io.StringIO()
    call_command("restore", str(tmp_path / "cchc.dump"), "--database-url", url, stdout=out)
    assert f"/{name}: " in out.getvalue() and "1 hồ sơ" in out.getvalue()
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        dbname=name,
    ) as restored:
        rows = restored.execute("SELECT code, applicant_name FROM dossiers_dossier").fetchall()
        units = restored.execute("SELECT count(*) FROM units_unit").fetchone()
    assert rows == [(dossier.code, "Hoàng Thị Sao Lưu")]
    assert units is not None and units[0] == 5  # the cast: province, district, office, two communes


def test_a_restore_refuses_a_database_that_is_not_empty(cast, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    call_command("backup", str(tmp_path / "cchc.dump"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="không trống"):
        call_command("restore", str(tmp_path / "cchc.dump"), stdout=io.StringIO())
    (tmp_path / "not-a-backup.dump").write_text("hello")
    with pytest.raises(CommandError, match="không phải bản sao lưu"):
        call_command("restore", str(tmp_path / "not-a-backup.dump"), stdout=io.StringIO())
