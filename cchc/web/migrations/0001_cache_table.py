"""The table of the shared cache in the database (cchc.lib.cache, docs/decisions/0031): made by `cchc migrate`,
as Django's `createcachetable` makes it, whichever cache the settings name (a site may switch to it later)."""

from django.db import migrations

TABLE = "cchc_cache"  # cchc.lib.cache.TABLE, the LOCATION of the default cache in config/settings.py


def create(apps, schema_editor):
    from django.core.management.commands.createcachetable import Command

    command = Command()
    command.verbosity = 0
    # Skips a table that exists already (one made by hand with `createcachetable`).
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create, drop, elidable=False)]
