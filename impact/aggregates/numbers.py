"""The programme's numbers for one filter, from each app's impact selectors (docs/impact.md).

``impact_numbers`` gathers them in a fixed number of queries (about twenty, whatever the data)
as plain JSON-able data, the same in every language: the snapshot stores and caches these, and
builds the tables of each language from them (impact/aggregates/tables.py).
"""

from __future__ import annotations

from accounts.api import impact_signups
from certificates.api import impact_certificates
from core.impact import ImpactFilter
from lms.api import impact_cohorts, impact_courses, impact_learning, impact_member_ids
from marketplace_link.api import impact_storefronts


def impact_numbers(filters: ImpactFilter) -> dict:
    signups = impact_signups(filters, members=impact_member_ids(filters))
    learning = impact_learning(filters)
    certificates = impact_certificates(filters)
    storefronts = impact_storefronts(filters)
    cohorts = impact_cohorts(filters)
    return {
        "signups": signups,
        "learning": learning,
        # Course titles are read in every language the snapshot may be asked for: the numbers
        # are shared, the labels are per language.
        "courses": impact_courses(filters),
        "certificates": certificates,
        "storefronts": storefronts,
        "cohorts": cohorts,
    }
