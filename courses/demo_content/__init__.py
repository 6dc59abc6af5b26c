"""The demo curriculum: one module per course, each defining ``COURSE`` as plain data.

The seeder (``courses/demo.py``) turns this data into Wagtail pages. Keeping the text in data
modules keeps the seeder small and lets a trainer read the curriculum without reading code.
``schema.py`` checks the shape; ``tests/courses/test_demo_content.py`` runs it on every course.
"""

from courses.demo_content import (
    coffee_seller_readiness,
    digital_economy_policy,
    payments_logistics_export,
    product_listings_photography,
    teaching_ecommerce_toolkit,
    tourism_online,
)

COURSES = [
    coffee_seller_readiness.COURSE,
    product_listings_photography.COURSE,
    payments_logistics_export.COURSE,
    tourism_online.COURSE,
    digital_economy_policy.COURSE,
    teaching_ecommerce_toolkit.COURSE,
]
