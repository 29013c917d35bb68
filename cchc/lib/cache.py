"""The shared cache in the database: Django's DatabaseCache with an `incr` that counts right across processes.

CCHC's default cache (config/settings.py, docs/decisions/0031) is a table in the project's own database, so every
app server sees the same counts (the portal's rate limits, cchc/portal/ratelimit.py) with no service to run beside
PostgreSQL. Django's DatabaseCache inherits BaseCache.incr, which reads the value, adds, and writes it back with the
*default* timeout: two servers counting at once lose a count, and every count moves the key's expiry to 5 minutes
after the last failed guess (a 60-minute window would forget its guesses after 5 quiet minutes). Here `incr` locks
the row (SELECT ... FOR UPDATE on PostgreSQL; SQLite's write lock, which CCHC's IMMEDIATE transactions take at
their start), adds, and keeps the key's expiry, as Redis's INCR does.

The table (`TABLE`) is made by the migration cchc/web/migrations/0001_cache_table.py, so `cchc migrate` is all
a new database needs (no `createcachetable` step to forget).
"""

from __future__ import annotations

import base64
import pickle
from typing import Any

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction
from django.utils.timezone import now as tz_now

TABLE = "cchc_cache"


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table = quote(self._table)  # type: ignore[attr-defined]
        now = connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0))
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('value')} FROM {table} WHERE {quote('cache_key')} = %s AND {quote('expires')} > %s"
                f"{lock}",
                [key, now],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote('value')} = %s WHERE {quote('cache_key')} = %s",
                [encoded, key],
            )
        return value
