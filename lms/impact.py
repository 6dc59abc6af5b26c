"""Programme-impact numbers that belong to lms: learners, graduates, courses and cohorts.

Computed in SQL from the learning records themselves (Enrolment, Completion, QuizAttempt; the
cohort models through lms.cohorts.api), never from a copy: a learner's page and these numbers
read the same rows. Each function runs a fixed number of queries, whatever the number of
courses, cohorts or learners (docs/impact.md).
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber, TruncMonth
from django.utils import timezone

from accounts.api import impact_people_q, impact_period_q, month_key
from core.impact import ImpactFilter
from courses.api import CoursePage
from lms.cohorts.api import impact_cohorts
from lms.models import Completion, Enrolment, QuizAttempt

__all__ = [
    "impact_cohorts",
    "course_title",
    "impact_courses",
    "impact_learning",
    "impact_member_ids",
]


def _filter(q: Q) -> Q | None:
    """An aggregate's filter, or None for "every row" (an empty Q is not valid SQL there)."""
    return q if q else None


def _either(enrolled_q: Q, completed_q: Q) -> Q:
    """Enrolments started in the period or completed in it: all of them without dates (an
    empty period Q would make the OR mean "completed" only)."""
    if not enrolled_q:
        return Q()
    return enrolled_q | completed_q


def course_scope_q(filters: ImpactFilter, prefix: str = "") -> Q:
    """Rows of the filtered course (every language version of it: pages sharing its
    translation key) or of the filtered cohort. ``prefix`` leads to an Enrolment."""
    q = Q()
    if filters.course_id is not None:
        keys = CoursePage.objects.filter(pk=filters.course_id).values("translation_key")
        q &= Q(**{f"{prefix}course__translation_key__in": keys})
    if filters.cohort_id is not None:
        q &= Q(**{f"{prefix}cohort_id": filters.cohort_id})
    return q


def impact_member_ids(filters: ImpactFilter) -> QuerySet | None:
    """The people of the filtered course or cohort (anyone enrolled in it), as a subquery of
    learner ids; None without a course or cohort filter."""
    if filters.course_id is None and filters.cohort_id is None:
        return None
    return Enrolment.objects.filter(course_scope_q(filters)).values("learner_id")


def _enrolments(filters: ImpactFilter) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(impact_people_q(filters, "learner__"), course_scope_q(filters))


def _first_by_month(rows: QuerySet, *, person: str, at: str, earlier: QuerySet) -> dict[str, int]:
    """People counted once, in the month of their first event in ``rows`` (the earliest ``at``,
    ties broken by id): a NOT EXISTS on an earlier event of the same person, then GROUP BY
    month. The months then add up to the number of distinct people."""
    earlier = earlier.filter(**{person: OuterRef(person)}).filter(
        Q(**{f"{at}__lt": OuterRef(at)}) | Q(**{at: OuterRef(at), "pk__lt": OuterRef("pk")})
    )
    grouped = (
        rows.filter(~Exists(earlier))
        .annotate(month=TruncMonth(at, tzinfo=timezone.get_default_timezone()))
        .values("month")
        .annotate(people=Count("pk"))
        .order_by()
    )
    out: Counter[str] = Counter()
    for row in grouped:
        out[month_key(row["month"])] += row["people"]
    return dict(out)


def impact_learning(filters: ImpactFilter) -> dict:
    """Learners (people with an enrolment started in the period) and graduates (people with a
    completion in the period), in total, by district, audience and sector, and by month (each
    person in the month of their first such event). Three queries."""
    enrolled_q = impact_period_q(filters, "enrolled_at")
    completed_q = Q(completion__isnull=False) & impact_period_q(filters, "completion__completed_at")
    profile = {
        "district": Coalesce("learner__profile__district", Value("")),
        "audience": Coalesce("learner__profile__audience", Value("")),
        "sector": Coalesce("learner__profile__sector", Value("")),
    }
    rows = (
        _enrolments(filters)
        .filter(_either(enrolled_q, completed_q))
        .values(**profile)
        .annotate(
            learners=Count("learner_id", distinct=True, filter=_filter(enrolled_q)),
            graduates=Count("learner_id", distinct=True, filter=completed_q),
        )
        .order_by()
    )
    groups = {name: {} for name in profile}
    learners = graduates = 0
    # A person has one profile, so is in exactly one row: the rows add up to the totals.
    for row in rows:
        learners += row["learners"]
        graduates += row["graduates"]
        for name in profile:
            counts = groups[name].setdefault(row[name], [0, 0])
            counts[0] += row["learners"]
            counts[1] += row["graduates"]

    enrolments = _enrolments(filters).filter(enrolled_q)
    enrolled_months = _first_by_month(
        enrolments, person="learner_id", at="enrolled_at", earlier=enrolments
    )
    completions = Completion.objects.filter(
        impact_people_q(filters, "enrolment__learner__"),
        course_scope_q(filters, "enrolment__"),
        impact_period_q(filters, "completed_at"),
    )
    completed_months = _first_by_month(
        completions, person="enrolment__learner_id", at="completed_at", earlier=completions
    )
    return {
        "learners": learners,
        "graduates": graduates,
        "by_district": groups["district"],
        "by_audience": groups["audience"],
        "by_sector": groups["sector"],
        "enrolled_by_month": enrolled_months,
        "completed_by_month": completed_months,
    }


class DaysBetween(Func):
    """Days (fractional) from the first datetime to the second, on PostgreSQL and SQLite."""

    output_field = FloatField()
    arity = 2

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)",
            arg_joiner=" - ",
            **extra,
        )

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s))",
            arg_joiner=") - julianday(",
            **extra,
        )


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set median (an aggregate, so it groups like COUNT)."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()
    allow_distinct = False


def _days(start: str, end: str) -> DaysBetween:
    # Arguments in (later, earlier) order for PostgreSQL's "later - earlier"; SQLite's
    # julianday(later) - julianday(earlier) takes them the same way.
    return DaysBetween(F(end), F(start))


def _medians(completed: QuerySet[Enrolment]) -> dict[str, float]:
    """Median days from enrolment to completion, per course (translation key): PERCENTILE_CONT
    on PostgreSQL; elsewhere the middle row(s) picked by window functions (ROW_NUMBER and
    COUNT over the course), averaged. One query either way."""
    days = _days("enrolled_at", "completion__completed_at")
    if connection.vendor == "postgresql":
        rows = (
            completed.values(key=F("course__translation_key"))
            .annotate(median=PercentileCont(days))
            .order_by()
        )
        return {str(row["key"]): row["median"] for row in rows}
    key = F("course__translation_key")
    rows = (
        completed.annotate(
            key=key,
            days=days,
            position=Window(RowNumber(), partition_by=[key], order_by=[days.asc(), F("pk")]),
            size=Window(Count("pk"), partition_by=[key]),
        )
        .filter(position__gte=(F("size") + 1) / 2, position__lte=(F("size") + 2) / 2)
        .values_list("key", "days")
    )
    middles: dict[str, list[float]] = {}
    for key_value, value in rows:
        middles.setdefault(str(key_value), []).append(value)
    return {key_value: sum(values) / len(values) for key_value, values in middles.items()}


def _titles(keys: list) -> dict[str, dict[str, str]]:
    """Each course's titles by language code (one per language version). One query."""
    rows = CoursePage.objects.filter(translation_key__in=keys).values_list(
        "translation_key", "locale__language_code", "title"
    )
    out: dict[str, dict[str, str]] = {}
    for key, code, title in rows.order_by("pk"):
        out.setdefault(str(key), {}).setdefault(code, title)
    return out


def course_title(titles: dict[str, str], language: str) -> str:
    """The title in ``language`` where the course has that version, else in the site's
    default language, else any."""
    return (
        titles.get(language)
        or titles.get(settings.LANGUAGE_CODE)
        or next(iter(titles.values()), "")
    )


def impact_courses(filters: ImpactFilter) -> list[dict]:
    """Per course (all its language versions together): enrolments started in the period,
    completions in the period, completion rate (of the enrolments started in the period, the
    share completed so far), median days to complete (completions in the period) and quiz pass
    rate (graded attempts finished in the period). Four queries."""
    enrolled_q = impact_period_q(filters, "enrolled_at")
    completed_q = Q(completion__isnull=False) & impact_period_q(filters, "completion__completed_at")
    base = _enrolments(filters)
    rows = (
        base.filter(_either(enrolled_q, completed_q))
        .values(key=F("course__translation_key"))
        .annotate(
            enrolments=Count("pk", filter=_filter(enrolled_q)),
            enrolled_completed=Count("pk", filter=enrolled_q & Q(completion__isnull=False)),
            completions=Count("pk", filter=completed_q),
        )
        .order_by()
    )
    courses = {str(row["key"]): row for row in rows}
    medians = _medians(base.filter(completed_q))
    attempts = QuizAttempt.objects.filter(
        impact_people_q(filters, "learner__"),
        impact_period_q(filters, "finished_at"),
        passed__isnull=False,
    )
    if filters.course_id is not None or filters.cohort_id is not None:
        scope = Enrolment.objects.filter(course_scope_q(filters), learner_id=OuterRef("learner_id"))
        attempts = attempts.filter(Exists(scope.filter(course_id=OuterRef("course_id"))))
    quiz = {
        str(row["key"]): row
        for row in attempts.values(key=F("course__translation_key"))
        .annotate(graded=Count("pk"), passed=Count("pk", filter=Q(passed=True)))
        .order_by()
    }
    keys = sorted(set(courses) | set(quiz))
    titles = _titles(keys)
    out = []
    for key in keys:
        row = courses.get(key, {})
        enrolments = row.get("enrolments", 0)
        graded = quiz.get(key, {}).get("graded", 0)
        out.append(
            {
                "key": key,
                "course": course_title(titles.get(key, {}), settings.LANGUAGE_CODE),
                "titles": titles.get(key, {}),
                "enrolments": enrolments,
                "completions": row.get("completions", 0),
                "enrolled_completed": row.get("enrolled_completed", 0),
                "median_days": medians.get(key),
                "quiz_graded": graded,
                "quiz_passed": quiz.get(key, {}).get("passed", 0),
            }
        )
    out.sort(key=lambda course: (-course["enrolments"], course["course"]))
    return out
