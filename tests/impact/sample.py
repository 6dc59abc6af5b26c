"""A snapshot with every table of the contract (impact/snapshot.py), for rendering tests.

The numbers are made up but consistent (the funnel narrows, rates are out of 100). Tests of the
dashboard, the public page and the API render from it while they do not need the database; the
known-answer tests (tests/impact/test_known_answers.py) check the real computation.
"""

from __future__ import annotations

from datetime import UTC, datetime

from core.impact import ImpactFilter
from impact.snapshot import Snapshot
from impact.tables import Column, Table

FUNNEL = [
    ("signed_up", "Signed up", 420),
    ("enrolled", "Enrolled", 380),
    ("completed", "Completed", 210),
    ("certified", "Certified", 190),
    ("applied", "Applied for a storefront", 60),
    ("approved", "Approved", 41),
    ("live", "Live", 33),
    ("first_order", "First order", 12),
]


def _people(key: str, title: str, label: str, rows: list[list]) -> Table:
    return Table(
        key=key,
        title=title,
        columns=[
            Column(key, label, "label"),
            Column("learners", "Learners"),
            Column("graduates", "Graduates"),
        ],
        rows=rows,
    )


def sample_tables() -> dict[str, Table]:
    return {
        "headline": Table(
            key="headline",
            title="The programme in numbers",
            columns=[Column("measure", "Measure", "label"), Column("value", "Number")],
            rows=[
                ["learners", 380],
                ["graduates", 210],
                ["certificates", 236],
                ["storefronts_live", 33],
                ["orders", 148],
                ["products_listed", 97],
            ],
        ),
        "funnel": Table(
            key="funnel",
            title="From sign-up to first order",
            columns=[Column("stage", "Stage", "label"), Column("people", "People")],
            rows=[[label, count] for _key, label, count in FUNNEL],
        ),
        "by_district": _people(
            "by_district",
            "Learners and graduates by district",
            "District",
            [["Gasabo", 120, 70], ["Huye", 60, 31], ["Musanze", 44, 20], ["Rubavu", 3, 1]],
        ),
        "by_audience": _people(
            "by_audience",
            "By audience",
            "Audience",
            [["Entrepreneur", 300, 160], ["Policymaker", 50, 35], ["Academic", 30, 15]],
        ),
        "by_sector": _people(
            "by_sector",
            "By sector",
            "Sector",
            [["Coffee", 150, 90], ["Tea", 80, 40], ["Handicrafts", 70, 30], ["Not stated", 80, 50]],
        ),
        "by_month": Table(
            key="by_month",
            title="By month",
            columns=[
                Column("month", "Month", "month"),
                Column("signed_up", "Signed up"),
                Column("enrolled", "Enrolled"),
                Column("completed", "Completed"),
                Column("certified", "Certified"),
            ],
            rows=[
                ["2026-09", 120, 100, 40, 35],
                ["2026-10", 150, 140, 80, 75],
                ["2026-11", 150, 140, 90, 80],
            ],
        ),
        "courses": Table(
            key="courses",
            title="Courses",
            columns=[
                Column("course", "Course", "label"),
                Column("enrolments", "Enrolments"),
                Column("completions", "Completions"),
                Column("completion_rate", "Completion rate", "percent"),
                Column("median_days", "Median days to complete", "days"),
                Column("quiz_pass_rate", "Quiz pass rate", "percent"),
            ],
            rows=[
                ["Selling coffee online", 250, 150, 60.0, 12.5, 81.2],
                ["Payments and logistics", 130, 60, 46.2, 20.0, 70.0],
            ],
        ),
        "cohorts": Table(
            key="cohorts",
            title="Cohorts",
            columns=[
                Column("cohort", "Cohort", "label"),
                Column("course", "Course", "label"),
                Column("learners", "Learners"),
                Column("completion_rate", "Completion rate", "percent"),
                Column("attendance_rate", "Attendance rate", "percent"),
            ],
            rows=[["Policy 2026 A", "Digital trade policy", 24, 75.0, 88.5]],
        ),
        "cohort_sessions": Table(
            key="cohort_sessions",
            title="Attendance by session",
            columns=[
                Column("cohort", "Cohort", "label"),
                Column("session", "Session", "label"),
                Column("starts", "Starts", "label"),
                Column("expected", "Expected"),
                Column("attended", "Attended"),
                Column("attendance_rate", "Attendance rate", "percent"),
            ],
            rows=[
                ["Policy 2026 A", "Opening", "2026-10-05 09:00", 24, 23, 95.8],
                ["Policy 2026 A", "Payments", "2026-10-12 09:00", 24, 19, 79.2],
            ],
        ),
        "storefronts": Table(
            key="storefronts",
            title="Storefronts by status",
            columns=[Column("status", "Status", "label"), Column("storefronts", "Storefronts")],
            rows=[["Live", 33], ["Suspended", 2], ["Being set up", 6]],
        ),
        "storefront_months": Table(
            key="storefront_months",
            title="Storefronts and orders by month",
            columns=[
                Column("month", "Month", "month"),
                Column("went_live", "Went live"),
                Column("orders", "Orders"),
            ],
            rows=[["2026-10", 20, 61], ["2026-11", 13, 87]],
        ),
    }


def sample_snapshot(filters: ImpactFilter | None = None, *, public: bool = False) -> Snapshot:
    return Snapshot(
        filters=filters or ImpactFilter(),
        language="en",
        refreshed_at=datetime(2026, 12, 1, 6, 0, tzinfo=UTC),
        tables=sample_tables(),
        public=public,
    )
