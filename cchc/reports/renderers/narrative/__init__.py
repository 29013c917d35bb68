"""The report's Vietnamese text, generated from the figures: sentences, not templates with blanks.

`report_outline(context)` returns the body of the report (from the opening to the closing sentence) as a
list of `Block`s; docx.py lays them out and adds the Decree 30 frame (headers, recipients, signature).
The sentence functions are public so a dashboard or the staff page can show the same sentence.

Orders used in the per-unit lists (docs/decisions/0010-report-rendering.md):
- digitisation: units below the threshold first, by rate ascending (worst first, the ones to act on);
  units at or above it in the official unit order (district desk, then the communes), as the seed lists them;
- online rate: district desk first (as the seed), then the communes by rate descending;
- ties keep the official unit order. A unit with nothing to count (0/0) is named apart as "không phát sinh".
Comparisons with the threshold use the exact fraction, not the rounded percentage.

Every count is followed by the noun of what it counts ("8.134 hồ sơ", "65 người tham dự"): Vietnamese puts a
number only before a countable noun, never before a collective one ("đội ngũ", "toàn thể"). A note that
qualifies a figure (its basis, its cut-off, "không phát sinh") is written next to that figure.
"""

from __future__ import annotations

from .dossiers import (
    _COMMUNE_KINDS,
    LEVELS,
    _at_least,
    _names,
    _noun,
    _online,
    _unit_list,
    apology_sentence,
    digitization_items,
    dossier_sentence,
    e_certification_sentence,
    evaluation_sentence,
    feedback_sentence,
    full_online_sentence,
    online_items,
)
from .sections import (
    COUNTABLE_PEOPLE,
    _amount_ratio,
    _area,
    _data_note,
    _items,
    _numbered,
    _or_none,
    budget_sentence,
    counts_directly,
    directive_sentence,
    disbursement_blocks,
    finance_blocks,
    indices_title,
    institutions_blocks,
    procedures_blocks,
    report_outline,
    training_sentence,
)
from .words import CLAUSE, ITEM, NOTE, PARA, SECTION, SUBCLAUSE, SUBITEM, Block, _join, k_of_n, pct, reached, unit_pct

__all__ = [
    "Block",
    "CLAUSE",
    "COUNTABLE_PEOPLE",
    "ITEM",
    "LEVELS",
    "NOTE",
    "PARA",
    "SECTION",
    "SUBCLAUSE",
    "SUBITEM",
    "_COMMUNE_KINDS",
    "_amount_ratio",
    "_area",
    "_at_least",
    "_data_note",
    "_items",
    "_join",
    "_names",
    "_noun",
    "_numbered",
    "_online",
    "_or_none",
    "_unit_list",
    "apology_sentence",
    "budget_sentence",
    "counts_directly",
    "digitization_items",
    "directive_sentence",
    "disbursement_blocks",
    "dossier_sentence",
    "e_certification_sentence",
    "evaluation_sentence",
    "feedback_sentence",
    "finance_blocks",
    "full_online_sentence",
    "indices_title",
    "institutions_blocks",
    "k_of_n",
    "online_items",
    "pct",
    "procedures_blocks",
    "reached",
    "report_outline",
    "training_sentence",
    "unit_pct",
]
