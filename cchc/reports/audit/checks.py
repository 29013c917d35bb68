"""The arithmetic checks of a hand-written report: each finds stated sums and percentages and returns the ones
that do not add up. Only what the report states is compared with itself; nothing is looked up elsewhere."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal

from .numbers import (
    DENOMINATOR,
    NUM,
    NUMERATOR,
    decimals_of,
    format_amount,
    format_number,
    format_percent,
    parse_number,
    percent_matches,
)
from .parser import Line

PERCENTAGE = "percentage"
TOTAL = "total"
PARTS_TOTAL = "parts_total"
LATE_COUNT = "late_count"

_FLAGS = re.IGNORECASE
_WORD = r"[^\W\d_]+"
# Up to ten words of unit between a numerator and its slash: "5.756 phiếu đánh giá/7.614".
_RATIO = rf"(?P<num>{NUMERATOR})(?:\s+{_WORD}){{0,10}}\s*/\s*(?P<den>{DENOMINATOR})"
RATIO_RE = re.compile(_RATIO, _FLAGS)
PLAIN_RATIO_RE = re.compile(rf"(?P<num>{NUMERATOR})\s*/\s*(?P<den>{DENOMINATOR})")
# "a/b triệu đồng, đạt X%", "a/b (ước đạt X% KH)": no figure and no sentence end between the ratio and "đạt".
PERCENT_AFTER_RE = re.compile(
    rf"[^\d%;.!?/]{{0,80}}?\b(?:ước\s+)?(?:đạt|chiếm|bằng)\s+(?:tỷ\s+lệ\s+)?(?P<pct>{NUM})\s*%", _FLAGS
)
PERCENT_IN_PARENS_RE = re.compile(rf"(?:\s+{_WORD}){{0,3}}\s*\(\s*(?P<pct>{NUM})\s*%\s*\)")
# "đạt tỷ lệ 100% (9/9)": the percentage first, its ratio in brackets.
PERCENT_BEFORE_RE = re.compile(rf"(?P<pct>{NUM})\s*%\s*\(\s*(?P<num>{NUMERATOR})\s*/\s*(?P<den>{DENOMINATOR})\s*\)")
THRESHOLD_MARKS = "<>≤≥"

BREAKDOWN_RE = re.compile(rf"(?P<total>{NUM})(?!\s*%)(?:\s+{_WORD}){{0,3}}\s*\((?P<body>[^()]*)\)", _FLAGS)
IN_WHICH_RE = re.compile(r"^\s*trong\s+đó\s*:?\s*", _FLAGS)
PART_SPLIT_RE = re.compile(r"[;,](?!\d)")
LABELLED_VALUE_RE = re.compile(rf"^[^\d:]*:\s*(?P<v>{NUM})(?!\s*%)")
VALUE_RE = re.compile(rf"(?P<v>{NUM})(?!\s*%)")
# A part's share of its total is stated as "đạt P%" (or "chiếm", "bằng", "tỷ lệ"); "tăng 5%" is a change, not a share.
SHARE_RE = re.compile(rf"\b(?:đạt|chiếm|bằng|tỷ\s+lệ)\s+(?:tỷ\s+lệ\s+)?(?P<pct>{NUM})\s*%", _FLAGS)

TOTAL_RE = re.compile(rf"tổng\s+số[^:;()]{{0,120}}:\s*(?P<v>{NUM})", _FLAGS)
RESOLVED_RE = re.compile(rf"đã\s+giải\s+quyết\s*:\s*(?P<v>{NUM})", _FLAGS)
PENDING_RE = re.compile(rf"đang\s+giải\s+quyết\s*:\s*(?P<v>{NUM})", _FLAGS)
LATE_RE = re.compile(rf"quá\s+hạn\s*:?\s*(?P<v>{NUM})", _FLAGS)
OVERDUE_PENDING_RE = re.compile(rf"hết\s+hạn\s*:\s*(?P<v>{NUM})", _FLAGS)
LATE_MENTION_RE = re.compile(r"\)?[^\d]{0,25}?\b(?:trễ|quá)\s+hạn", _FLAGS)
PERCENT_LEAD_RE = re.compile(rf"{NUM}\s*%\s*\(\s*$")

LIST_HEADER_RE = re.compile(r"trong\s+đó\s*:\s*$", _FLAGS)
BULLETS = "+-*•–"


@dataclass(frozen=True)
class Finding:
    """A stated figure that does not add up: where it is, what kind of sum it is, as printed and as it should be."""

    line: int
    kind: str
    stated: str
    expected: str
    text: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def audit_lines(lines: Sequence[Line]) -> list[Finding]:
    """Run every check over the numbered lines of a report; findings come in the order of the report."""
    checks: list[Callable[[Sequence[Line]], Iterator[Finding]]] = [
        check_ratio_percentages,
        check_breakdowns,
        check_received_equals_resolved_plus_pending,
        check_listed_parts,
        check_late_mentions,
    ]
    unique: dict[tuple[int, str, str, str], Finding] = {}
    for check in checks:
        for finding in check(lines):
            # Two checks may reach the same wrong figure (a total that is neither its parts nor R + N).
            unique.setdefault((finding.line, finding.kind, finding.stated, finding.expected), finding)
    return sorted(unique.values(), key=lambda f: f.line)


def check_ratio_percentages(lines: Sequence[Line]) -> Iterator[Finding]:
    """ "a/b ... đạt X%", "a/b (X%)" and "X% (a/b)": X must be 100·a/b to the decimals printed."""
    for line in lines:
        for ratio in RATIO_RE.finditer(line.text):
            after = PERCENT_AFTER_RE.match(line.text, ratio.end()) or PERCENT_IN_PARENS_RE.match(line.text, ratio.end())
            if after:
                yield from _percent_of_ratio(
                    line, ratio["num"], ratio["den"], after["pct"], line.text[ratio.start() : after.end()]
                )
        for match in PERCENT_BEFORE_RE.finditer(line.text):
            if match.start() and line.text[match.start() - 1] in THRESHOLD_MARKS:
                continue
            yield from _percent_of_ratio(line, match["num"], match["den"], match["pct"], match.group())


def _percent_of_ratio(line: Line, num: str, den: str, pct: str, text: str) -> Iterator[Finding]:
    denominator = parse_number(den)
    # "0/0 ... đạt 100%" states that there was nothing to do; it is not arithmetic.
    if denominator == 0:
        return
    exact = 100 * parse_number(num) / denominator
    if not percent_matches(parse_number(pct), decimals_of(pct), exact):
        yield Finding(line.number, PERCENTAGE, f"{pct}%", format_percent(exact, decimals_of(pct)), text.strip())


def check_breakdowns(lines: Sequence[Line]) -> Iterator[Finding]:
    """ "T (Trong đó: A ..., B ..., C ...)" and "N hồ sơ (còn hạn: a, hết hạn: b)": T is the sum of the parts,
    and a part's "đạt P%" is its share of T."""
    for line in lines:
        for match in BREAKDOWN_RE.finditer(line.text):
            body = match["body"]
            in_which = IN_WHICH_RE.match(body)
            labelled = line.text[: match.start()].rstrip().endswith(":")
            # Without "trong đó", only a labelled total split into labelled parts reads as a sum.
            if not in_which and not labelled:
                continue
            parts = [p.strip() for p in PART_SPLIT_RE.split(body[in_which.end() if in_which else 0 :]) if p.strip()]
            values = [_part_value(part, require_label=not in_which) for part in parts]
            if len(parts) < 2 or any(v is None for v in values):
                continue
            total_token = match["total"]
            total = parse_number(total_token)
            found = sum((parse_number(v) for v in values if v is not None), Decimal(0))
            if found != total:
                yield Finding(line.number, TOTAL, total_token, format_amount(found), match.group().strip())
            if total == 0:
                continue
            for part, value in zip(parts, values, strict=True):
                percent = SHARE_RE.search(part)
                if percent and value is not None:
                    yield from _percent_of_ratio(line, value, total_token, percent["pct"], part)


def _part_value(part: str, *, require_label: bool) -> str | None:
    labelled = LABELLED_VALUE_RE.match(part)
    if labelled:
        return labelled["v"]
    if require_label:
        return None
    # "Quý 3: 50 hồ sơ": the figure is after the label, whatever digits the label holds.
    _, colon, after_label = part.partition(":")
    value = VALUE_RE.search(after_label if colon else part)
    return value["v"] if value else None


def check_received_equals_resolved_plus_pending(lines: Sequence[Line]) -> Iterator[Finding]:
    """ "Tổng số ...: T ...; Đã giải quyết: R ...; đang giải quyết: N" in one paragraph: T = R + N."""
    for line in lines:
        total, resolved, pending = (
            TOTAL_RE.search(line.text),
            RESOLVED_RE.search(line.text),
            PENDING_RE.search(line.text),
        )
        if not (total and resolved and pending):
            continue
        found = parse_number(resolved["v"]) + parse_number(pending["v"])
        if found != parse_number(total["v"]):
            text = line.text[total.start() : pending.end()]
            yield Finding(line.number, TOTAL, total["v"], format_amount(found), text)


def check_listed_parts(lines: Sequence[Line]) -> Iterator[Finding]:
    """A line ending "Trong đó:" with an amount "A/B", followed by a bulleted list of "a/b" amounts: the parts'
    numerators add up to A and their denominators to B."""
    for index, line in enumerate(lines):
        if not LIST_HEADER_RE.search(line.text):
            continue
        stated = list(RATIO_RE.finditer(line.text))
        if not stated:
            continue
        parts = _bulleted_list_after(lines, index)
        ratios = [RATIO_RE.search(part.text) for part in parts]
        if len(parts) < 2 or any(r is None for r in ratios):
            continue
        header = stated[-1]
        tokens = [header["num"], header["den"]] + [t for r in ratios if r for t in (r["num"], r["den"])]
        decimals = max(decimals_of(t) for t in tokens)
        nums = sum((parse_number(r["num"]) for r in ratios if r), Decimal(0))
        dens = sum((parse_number(r["den"]) for r in ratios if r), Decimal(0))
        if nums != parse_number(header["num"]) or dens != parse_number(header["den"]):
            yield Finding(
                line.number,
                PARTS_TOTAL,
                f"{header['num']}/{header['den']}",
                f"{format_number(nums, decimals)}/{format_number(dens, decimals)}",
                header.group().strip(),
            )


def _bulleted_list_after(lines: Sequence[Line], index: int) -> list[Line]:
    """The lines after lines[index] that start with the same bullet as the first of them, blank lines skipped."""
    parts: list[Line] = []
    bullet = ""
    for line in lines[index + 1 :]:
        text = line.text.strip()
        if not text:
            continue
        if not bullet:
            if text[0] not in BULLETS:
                break
            bullet = text[0]
        if text[0] != bullet:
            break
        parts.append(line)
    return parts


def check_late_mentions(lines: Sequence[Line]) -> Iterator[Finding]:
    """ "x% (k/n) hồ sơ trễ hạn" elsewhere in the report: n is the report's own count of late dossiers, those
    resolved late plus those pending past the deadline on the whole-unit line (the one with the largest total)."""
    late = _reported_late_total(lines)
    if late is None:
        return
    for line in lines:
        if RESOLVED_RE.search(line.text):
            continue
        for ratio in PLAIN_RATIO_RE.finditer(line.text):
            mention = LATE_MENTION_RE.match(line.text, ratio.end())
            if not mention:
                continue
            apologised, base = parse_number(ratio["num"]), parse_number(ratio["den"])
            if base == late and apologised <= late:
                continue
            expected = late if apologised == base else min(apologised, late)
            lead = PERCENT_LEAD_RE.search(line.text, 0, ratio.start())
            start = lead.start() if lead else ratio.start()
            yield Finding(
                line.number,
                LATE_COUNT,
                f"{ratio['num']}/{ratio['den']}",
                f"{format_amount(expected)}/{format_amount(late)}",
                line.text[start : mention.end()].strip(),
            )


def _reported_late_total(lines: Sequence[Line]) -> Decimal | None:
    best: tuple[Decimal, Decimal] | None = None
    for line in lines:
        resolved = RESOLVED_RE.search(line.text)
        if not resolved:
            continue
        late = LATE_RE.search(line.text, resolved.end())
        if not late:
            continue
        total = TOTAL_RE.search(line.text)
        size = parse_number(total["v"] if total else resolved["v"])
        overdue = OVERDUE_PENDING_RE.search(line.text, late.end())
        count = parse_number(late["v"]) + (parse_number(overdue["v"]) if overdue else 0)
        if best is None or size > best[0]:
            best = (size, count)
    return best[1] if best else None
