"""Suppression for the public numbers: no count under 5 people, and nothing it can be worked
out from (docs/impact.md, "Suppression").

1. Primary: every count under ``SUPPRESSION_THRESHOLD`` becomes None (zero included).
2. Complementary: in a column whose rows add up to a published figure (districts, audiences
   and sectors add up to the learners and graduates; the months to each funnel stage), one
   suppressed cell could be worked out by subtraction. So more cells are suppressed, the
   smallest first, until at least two are and together they hold at least the threshold.
3. Rates: a rate is suppressed when its denominator or its numerator (people) is under the
   threshold, or when the count it was computed from is suppressed (rate × total = count); a
   median of fewer than the threshold's completions is suppressed.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from impact.tables import SUPPRESSION_THRESHOLD, Table

# Public table → {column: the funnel stage its rows add up to}.
PARTITIONS = {
    "by_district": {"learners": "enrolled", "graduates": "completed"},
    "by_audience": {"learners": "enrolled", "graduates": "completed"},
    "by_sector": {"learners": "enrolled", "graduates": "completed"},
    "by_month": {
        "signed_up": "signed_up",
        "enrolled": "enrolled",
        "completed": "completed",
        "certified": "certified",
    },
}


def small(value) -> bool:
    return value is not None and value < SUPPRESSION_THRESHOLD


def complementary(values: list[int], hidden: set[int], total_published: bool) -> set[int]:
    """The row indexes to hide in a column whose ``values`` add up to a total: ``hidden`` plus
    enough of the smallest others that no hidden value can be worked out from the total (at
    least two hidden, holding at least the threshold together). Nothing to add when the total
    is not published or nothing is hidden."""
    hidden = set(hidden)
    if not total_published or not hidden:
        return hidden
    while len(hidden) < len(values) and (
        len(hidden) < 2 or sum(values[i] for i in hidden) < SUPPRESSION_THRESHOLD
    ):
        shown = [i for i in range(len(values)) if i not in hidden]
        # The smallest; among equals the last row, so the largest groups stay visible.
        hidden.add(min(shown, key=lambda i: (values[i], -i)))
    return hidden


def _note() -> str:
    return _(
        "To protect privacy, numbers of fewer than %(n)s people are not shown, nor numbers "
        "from which they could be worked out, nor rates and medians of fewer than %(n)s."
    ) % {"n": SUPPRESSION_THRESHOLD}


def suppress(tables: dict[str, Table], facts: dict) -> dict[str, Table]:
    """Public copies of ``tables`` with cells suppressed. ``facts``: ``{"funnel": {stage: n},
    "courses": [{"enrolled_completed", "quiz_graded", "quiz_passed", "completions"}...]}``,
    the hidden numbers rates were computed from, in the courses table's row order."""
    out = {}
    funnel = facts["funnel"]
    for key, table in tables.items():
        columns = [column.key for column in table.columns]
        kinds = [column.kind for column in table.columns]
        rows = [list(row) for row in table.rows]
        # 1. Primary.
        hidden: dict[int, set[int]] = {i: set() for i in range(len(columns))}
        for r, row in enumerate(rows):
            for c, kind in enumerate(kinds):
                if kind == "count" and small(row[c]):
                    hidden[c].add(r)
        # 2. Complementary, per column adding up to a stage of the funnel.
        for column, stage in PARTITIONS.get(key, {}).items():
            c = columns.index(column)
            values = [row[c] for row in rows]
            hidden[c] = complementary(values, hidden[c], not small(funnel[stage]))
        # 3. Rates and medians.
        if key == "courses":
            c_enrol, c_done = columns.index("enrolments"), columns.index("completions")
            for r, course in enumerate(facts["courses"]):
                rate_small = (
                    small(course["enrolments"])
                    or small(course["enrolled_completed"])
                    or r in hidden[c_enrol]
                )
                if rate_small:
                    hidden[columns.index("completion_rate")].add(r)
                if small(course["completions"]) or r in hidden[c_done]:
                    hidden[columns.index("median_days")].add(r)
                if small(course["quiz_graded"]) or small(course["quiz_passed"]):
                    hidden[columns.index("quiz_pass_rate")].add(r)
        count = 0
        for c, indexes in hidden.items():
            for r in indexes:
                if rows[r][c] is not None:
                    count += 1
                rows[r][c] = None
        if key == "by_district":
            # Ranked by the true numbers: put hidden rows in name order, so that the order
            # does not tell which of them is larger.
            c = columns.index("learners")
            rows.sort(key=lambda row: (row[c] is None, -(row[c] or 0), row[0]))
        out[key] = Table(
            key=table.key,
            title=table.title,
            columns=list(table.columns),
            rows=rows,
            note=_note(),
            suppressed_cells=count,
        )
    return out
