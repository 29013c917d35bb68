"""The staff search's folded columns (cchc/dossiers/search.py), filled for the dossiers already stored, and on
PostgreSQL their trigram GIN indexes (pg_trgm), which serve `LIKE '%term%'`. SQLite gets the columns only."""

from django.db import migrations

import cchc.dossiers.search

INDEXES = (("dossier_search_key_trgm", "search_key"), ("dossier_search_public_trgm", "search_key_public"))


def fill(apps, schema_editor):
    cchc.dossiers.search.fill_keys(
        apps.get_model("dossiers", "Dossier"),
        apps.get_model("procedures", "Procedure"),
        using=schema_editor.connection.alias,
    )


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON dossiers_dossier USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0007_portal"),
        ("procedures", "0003_portal"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="search_key",
            field=cchc.dossiers.search.SearchKeyField(verbose_name="search text"),
        ),
        migrations.AddField(
            model_name="dossier",
            name="search_key_public",
            field=cchc.dossiers.search.SearchKeyField(public=True, verbose_name="search text (public part)"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(add_indexes, drop_indexes),
    ]
