"""Load the Government's swapped days off and make-up Saturdays for 2023-2026 (cchc/units/data/).

Idempotent: a date or year already in the database (entered by an administrator) is left as it is.
"""

from django.db import migrations

from cchc.units.calendar_data import load_shipped_calendar


def load(apps, schema_editor):
    load_shipped_calendar(apps.get_model("units", "CalendarDay"), apps.get_model("units", "CalendarYear"))


class Migration(migrations.Migration):

    dependencies = [
        ("units", "0002_calendar_province_and_year"),
    ]

    # Reversing keeps the rows: by then an administrator may have edited them.
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
