"""The tables of a snapshot, built from the numbers (impact/aggregates/numbers.py) in the
language active when they are built: titles, column labels, stage, audience, sector and status
labels are translated here (docs/impact.md). No query runs here but one for course titles,
which the numbers already carry."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.api import Audience
from core.rwanda import DISTRICT_NAMES, NOT_STATED, Sector
from impact.tables import Column, Table
from lms.api import course_title
from marketplace_link.api import STOREFRONT_STATUSES

FUNNEL_STAGES = (
    "signed_up",
    "enrolled",
    "completed",
    "certified",
    "applied",
    "approved",
    "live",
    "first_order",
)
HEADLINE_MEASURES = (
    "learners",
    "graduates",
    "certificates",
    "storefronts_live",
    "orders",
    "products_listed",
)


def stage_labels() -> dict[str, str]:
    return {
        "signed_up": _("Signed up"),
        "enrolled": _("Enrolled"),
        "completed": _("Completed"),
        "certified": _("Certified"),
        "applied": _("Applied for a storefront"),
        "approved": _("Approved"),
        "live": _("Live"),
        "first_order": _("First order"),
    }


def funnel_counts(numbers: dict) -> dict[str, int]:
    learning, storefronts = numbers["learning"], numbers["storefronts"]
    return {
        "signed_up": numbers["signups"]["total"],
        "enrolled": learning["learners"],
        "completed": learning["graduates"],
        "certified": numbers["certificates"]["people"],
        "applied": storefronts["applied"],
        "approved": storefronts["approved"],
        "live": storefronts["live"],
        "first_order": storefronts["first_order"],
    }


def headline_counts(numbers: dict) -> dict[str, int]:
    storefronts = numbers["storefronts"]
    return {
        "learners": numbers["learning"]["learners"],
        "graduates": numbers["learning"]["graduates"],
        "certificates": numbers["certificates"]["certificates"],
        "storefronts_live": storefronts["storefronts_live"],
        "orders": storefronts["orders"],
        "products_listed": storefronts["products_listed"],
    }


def months_between(keys) -> list[str]:
    """Every month from the first to the last of ``keys`` ("YYYY-MM"), gaps filled."""
    keys = sorted(keys)
    if not keys:
        return []
    year, month = map(int, keys[0].split("-"))
    last = tuple(map(int, keys[-1].split("-")))
    out = []
    while (year, month) <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _rate(part: int, whole: int) -> float | None:
    return None if not whole else round(100 * part / whole, 1)


def _people_table(key: str, title: str, label: str, rows: list[list]) -> Table:
    return Table(
        key=key,
        title=title,
        columns=[
            Column(key, label, "label"),  # the label column is keyed by the table (contract)
            Column("learners", _("Learners")),
            Column("graduates", _("Graduates")),
        ],
        rows=rows,
    )


def _by(groups: dict, labels: dict, *, ranked: bool) -> list[list]:
    """Rows [label, learners, graduates] for the groups with anyone in them: ranked by
    learners (districts) or in the choices' order; "Not stated" last."""
    order = list(labels)
    rows = []
    for value, (learners, graduates) in groups.items():
        if not learners and not graduates:
            continue
        stated = value in labels
        if not stated:
            rank = 0
        elif ranked:
            rank = (-learners, -graduates, str(labels[value]))
        else:
            rank = order.index(value)
        rows.append(((not stated, rank), [
            str(labels[value]) if stated else str(NOT_STATED), learners, graduates
        ]))  # fmt: skip
    return [row for _sort, row in sorted(rows, key=lambda item: item[0])]


def build_tables(numbers: dict, language: str) -> dict[str, Table]:
    """Every table of the contract (tests/impact/sample.py), in the active language."""
    learning = numbers["learning"]
    funnel = funnel_counts(numbers)
    labels = stage_labels()
    tables: dict[str, Table] = {}
    tables["headline"] = Table(
        key="headline",
        title=_("The programme in numbers"),
        columns=[Column("measure", _("Measure"), "label"), Column("value", _("Number"))],
        rows=[[measure, value] for measure, value in headline_counts(numbers).items()],
    )
    tables["funnel"] = Table(
        key="funnel",
        title=_("From sign-up to first order"),
        columns=[Column("stage", _("Stage"), "label"), Column("people", _("People"))],
        rows=[[labels[stage], funnel[stage]] for stage in FUNNEL_STAGES],
    )
    tables["by_district"] = _people_table(
        "by_district",
        _("Learners and graduates by district"),
        _("District"),
        _by(learning["by_district"], DISTRICT_NAMES, ranked=True),
    )
    tables["by_audience"] = _people_table(
        "by_audience",
        _("By audience"),
        _("Audience"),
        _by(learning["by_audience"], dict(Audience.choices), ranked=False),
    )
    tables["by_sector"] = _people_table(
        "by_sector",
        _("By sector"),
        _("Sector"),
        _by(learning["by_sector"], dict(Sector.choices), ranked=False),
    )
    series = {
        "signed_up": numbers["signups"]["by_month"],
        "enrolled": learning["enrolled_by_month"],
        "completed": learning["completed_by_month"],
        "certified": numbers["certificates"]["by_month"],
    }
    months = months_between(set().union(*series.values()))
    tables["by_month"] = Table(
        key="by_month",
        title=_("By month"),
        columns=[Column("month", _("Month"), "month")]
        + [Column(stage, labels[stage]) for stage in series],
        rows=[[month] + [series[stage].get(month, 0) for stage in series] for month in months],
    )
    tables["courses"] = Table(
        key="courses",
        title=_("Courses"),
        columns=[
            Column("course", _("Course"), "label"),
            Column("enrolments", _("Enrolments")),
            Column("completions", _("Completions")),
            Column("completion_rate", _("Completion rate"), "percent"),
            Column("median_days", _("Median days to complete"), "days"),
            Column("quiz_pass_rate", _("Quiz pass rate"), "percent"),
        ],
        rows=[
            [
                course_title(course["titles"], language) or course["course"],
                course["enrolments"],
                course["completions"],
                _rate(course["enrolled_completed"], course["enrolments"]),
                None if course["median_days"] is None else round(course["median_days"], 1),
                _rate(course["quiz_passed"], course["quiz_graded"]),
            ]
            for course in numbers["courses"]
        ],
    )
    cohorts = numbers["cohorts"]
    tables["cohorts"] = Table(
        key="cohorts",
        title=_("Cohorts"),
        columns=[
            Column("cohort", _("Cohort"), "label"),
            Column("course", _("Course"), "label"),
            Column("learners", _("Learners")),
            Column("completion_rate", _("Completion rate"), "percent"),
            Column("attendance_rate", _("Attendance rate"), "percent"),
        ],
        rows=[
            [c["cohort"], c["course"], c["learners"], c["completion_rate"], c["attendance_rate"]]
            for c in cohorts["cohorts"]
        ],
    )
    tables["cohort_sessions"] = Table(
        key="cohort_sessions",
        title=_("Attendance by session"),
        columns=[
            Column("cohort", _("Cohort"), "label"),
            Column("session", _("Session"), "label"),
            Column("starts", _("Starts"), "label"),
            Column("expected", _("Expected")),
            Column("attended", _("Attended")),
            Column("attendance_rate", _("Attendance rate"), "percent"),
        ],
        rows=[
            [
                s["cohort"],
                s["session"],
                s["starts"],
                s["expected"],
                s["attended"],
                s["attendance_rate"],
            ]
            for s in cohorts["sessions"]
        ],  # fmt: skip
    )
    storefronts = numbers["storefronts"]
    tables["storefronts"] = Table(
        key="storefronts",
        title=_("Storefronts by status"),
        columns=[Column("status", _("Status"), "label"), Column("storefronts", _("Storefronts"))],
        rows=[
            [str(label), storefronts["by_status"].get(value, 0)]
            for value, label in STOREFRONT_STATUSES
        ],
    )
    store_months = months_between(
        set(storefronts["went_live_by_month"]) | set(storefronts["orders_by_month"])
    )
    tables["storefront_months"] = Table(
        key="storefront_months",
        title=_("Storefronts and orders by month"),
        columns=[
            Column("month", _("Month"), "month"),
            Column("went_live", _("Went live")),
            Column("orders", _("Orders")),
        ],
        rows=[
            [
                month,
                storefronts["went_live_by_month"].get(month, 0),
                storefronts["orders_by_month"].get(month, 0),
            ]
            for month in store_months
        ],
    )
    return tables
