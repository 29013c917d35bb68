"""The staff search of dossiers (issue 9, point 2): folded search columns, kept by every writer, and the query.

Two columns of `Dossier` hold the dossier's searchable text folded as `cchc.procedures.selectors.fold` folds
(lower case, no diacritics, "đ" as "d", spaces collapsed), so "tran van thu" finds "Trần Văn Thử":

- `search_key_public`: the dossier code and the procedure's code and name: anyone who may see the dossier
  may find it by them;
- `search_key`: the same plus the applicant's name, ID number and phone ("0" and the national digits, as
  `cchc.portal.access.phone_digits` compares them): personal data, matched only for those who handle the
  dossier (`accounts.access.handled_q`), as the dossier page shows it only to them.

`SearchKeyField.pre_save` computes the value from the dossier each time Django writes the column (`save()`,
`bulk_create`, `workflow.apply_many`'s updates), so no writer has to remember it: `Dossier.save(update_fields=...)`
and `workflow.apply_many` add the two columns when one of `SOURCE_FIELDS` is written. The procedure's name is
the one it had when the dossier was last written (a later rename of the catalogue does not reach old dossiers;
its code still finds them).

On PostgreSQL both columns carry a trigram GIN index (pg_trgm, migration 0008), which serves `LIKE '%term%'`;
SQLite reads the table (fine at the sizes it serves).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import connection, models
from django.db.models import ExpressionWrapper, F, Q, QuerySet, Value

if TYPE_CHECKING:
    from cchc.accounts.models import User

    from .models import Dossier

# The dossier fields the keys are made of; writing one of them rewrites the keys.
SOURCE_FIELDS = frozenset(
    {"code", "procedure", "procedure_id", "applicant_name", "applicant_id_number", "applicant_phone"}
)
KEY_FIELDS = ("search_key", "search_key_public")
# Rows per UPDATE when the keys of existing dossiers are filled (the migration, `fill_keys`).
FILL_BATCH = 5000


def fold(text: str) -> str:
    from cchc.procedures.selectors import fold as fold_text

    return fold_text(text)


def phone_key(phone: str) -> str:
    """The phone as the key holds it: "0" and its national digits ("+84 912 345 678" -> "0912345678")."""
    from cchc.portal.access import phone_digits

    digits = phone_digits(phone)
    return f"0{digits}" if digits else ""


def keys(
    *, code: str, procedure_code: str, procedure_name: str, name: str, id_number: str, phone: str
) -> tuple[str, str]:
    """(search_key, search_key_public) of a dossier with these values."""
    public = " ".join(part for part in (fold(code), fold(procedure_code), fold(procedure_name)) if part)
    personal = " ".join(part for part in (fold(name), fold(id_number), phone_key(phone)) if part)
    return " ".join(part for part in (public, personal) if part), public


def keys_of(dossier: Any) -> tuple[str, str]:
    procedure = dossier.procedure if dossier.procedure_id is not None else None
    return keys(
        code=dossier.code or "",
        procedure_code=procedure.code if procedure is not None else "",
        procedure_name=procedure.name if procedure is not None else "",
        name=dossier.applicant_name or "",
        id_number=dossier.applicant_id_number or "",
        phone=dossier.applicant_phone or "",
    )


class SearchKeyField(models.TextField):
    """A folded search column computed from its dossier whenever Django writes it (see the module's text)."""

    def __init__(self, *args: Any, public: bool = False, **kwargs: Any) -> None:
        self.public = public
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("db_default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.public:
            kwargs["public"] = True
        for key in ("editable", "blank", "default", "db_default"):
            kwargs.pop(key, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance: Any, add: bool) -> str:
        full, public = keys_of(model_instance)
        value = public if self.public else full
        setattr(model_instance, self.attname, value)
        return value


def with_key_fields(names: Iterable[str]) -> list[str]:
    """`names` plus the key columns when one of them is a source of the keys."""
    names = list(names)
    if SOURCE_FIELDS.intersection(names):
        names += [key for key in KEY_FIELDS if key not in names]
    return names


def fill_keys(dossier_model: Any, procedure_model: Any, using: str = "default", batch: int = FILL_BATCH) -> int:
    """Compute the keys of every dossier in Python, `batch` rows per UPDATE (one statement for the batch, its
    values joined in). Used by the migration that adds the columns and by the benchmark; returns the rows."""
    from django.db import connections

    conn = connections[using]
    catalogue = procedure_model.objects.using(using).values_list("pk", "code", "name")
    procedures = {pk: (code, name) for pk, code, name in catalogue}
    table = conn.ops.quote_name(dossier_model._meta.db_table)
    done, last = 0, 0
    rows_qs = dossier_model.objects.using(using).order_by("pk")
    fields = ("pk", "code", "procedure_id", "applicant_name", "applicant_id_number", "applicant_phone")
    while True:
        rows = list(rows_qs.filter(pk__gt=last).values_list(*fields)[:batch])
        if not rows:
            return done
        params: list[Any] = []
        for pk, code, procedure_id, name, id_number, phone in rows:
            procedure_code, procedure_name = procedures.get(procedure_id, ("", ""))
            full, public = keys(
                code=code,
                procedure_code=procedure_code,
                procedure_name=procedure_name,
                name=name,
                id_number=id_number,
                phone=phone,
            )
            params += [pk, full, public]
        values = ", ".join(["(%s, %s, %s)"] * len(rows))
        if conn.vendor == "postgresql":
            values = ", ".join(["(%s::bigint, %s::text, %s::text)"] * len(rows))
        sql = (
            f"WITH v (id, k, p) AS (VALUES {values}) "
            f"UPDATE {table} SET search_key = v.k, search_key_public = v.p FROM v WHERE {table}.id = v.id"
        )
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
        done += len(rows)
        last = rows[-1][0]


# --- the query ---

PHONE_LIKE = re.compile(r"^[\d\s+().\-]+$")
PAGE_SIZE = 50


def terms(q: str) -> list[str]:
    """The folded words of `q`, each once, in order."""
    words = fold(unicodedata.normalize("NFC", q or "")).split()
    return list(dict.fromkeys(words))


def phone_term(q: str) -> str:
    """The phone key of `q` when `q` reads as a phone number (digits and + ( ) . - spaces, at least 9 digits)."""
    if not PHONE_LIKE.match(q or "") or sum(ch.isdigit() for ch in q) < 9:
        return ""
    return phone_key(q)


def _like(column: str, term: str) -> Q:
    # `contains` (LIKE '%term%', case-sensitive: both sides are folded) is what the trigram index serves;
    # `icontains` would wrap the column in UPPER() and miss it.
    return Q(**{f"{column}__contains": term})


def match_q(user: User, q: str) -> Q | None:
    """Dossiers where every word of `q` is in the public key, or (for those the user handles) in the full key;
    or, when `q` reads as a phone number, whose applicant has that phone (for those the user handles)."""
    from cchc.accounts import access

    words = terms(q)
    if not words:
        return None
    public = Q()
    full = Q()
    for word in words:
        public &= _like("search_key_public", word)
        full &= _like("search_key", word)
    phone = phone_term(q)
    if phone and phone not in words:
        full |= _like("search_key", phone)
    return public | (full & access.handled_q(user))


def search(
    user: User,
    q: str,
    *,
    status: str = "",
    period: Any = None,
    unit: Any = None,
) -> QuerySet[Dossier]:
    """The dossiers `user` may see matching `q` (empty: none) and the filters, newest first, flagged overdue or
    due soon. `period` (a cchc.lib.periods.Period) narrows to dossiers received in it; `unit` to those received,
    processed, held at the desk or decided there."""
    from cchc.accounts import access

    qs: Any = access.dossiers_visible_to(user)
    match = match_q(user, q)
    if match is None:
        return qs.none()
    qs = qs.filter(match)
    if status:
        qs = qs.filter(status=status)
    if period is not None:
        qs = qs.received_in(period)
    if unit is not None:
        qs = qs.filter(
            Q(receiving_unit=unit) | Q(processing_unit=unit) | Q(current_desk_unit=unit) | Q(competent_unit=unit)
        )
    newest = F("received_at").desc()
    if connection.vendor == "postgresql" and _estimated_rows(qs) * _share_of_units(user) < DENSE_MATCHES:
        # Few matches: read them through the trigram indexes, then sort. Ordered by the plain column, the planner
        # walks the received_at index backwards and tests every row until it has a page, which is fast when
        # matches are dense (a common word) and reads the whole table when they are rare (1 s at 1,000,000).
        # Adding a zero interval hides the index from the ORDER BY (bench/README.md, bench/search.py).
        newest = ExpressionWrapper(
            F("received_at") + Value(dt.timedelta(0), output_field=models.DurationField()),
            output_field=models.DateTimeField(),
        ).desc()
    qs = qs.select_related("procedure", "receiving_unit", "assigned_to").with_deadline_flags()
    return qs.order_by(newest, "-pk")


# Below this many matches (the planner's estimate) the search reads the matches first and sorts them.
DENSE_MATCHES = 5000
ROWS = re.compile(r"rows=(\d+)")


def _share_of_units(user: User) -> float:
    """The share of the units whose dossiers `user` sees: the planner cannot tell how much the visibility filter
    keeps, and matches a commune officer may see are that much sparser in the received_at order."""
    from cchc.accounts import access
    from cchc.units.models import Unit

    total = Unit.objects.count()
    return access.units_for_figures(user).count() / total if total else 1.0


def _estimated_rows(qs: Any) -> int:
    """The planner's estimate of the rows of `qs` (PostgreSQL's EXPLAIN, no execution)."""
    found = ROWS.search(qs.order_by().explain())
    return int(found.group(1)) if found else 0
