"""A learner on a phone finds a course, reads a free lesson and switches it to French."""

import pytest

from demo.seed import seed_curriculum

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_find_a_course_read_a_lesson_switch_language(live_server, page, screenshot, site):
    seed_curriculum(site)
    page.goto(live_server.url + "/courses/")
    page.get_by_label("Search").fill("cupping")
    page.get_by_role("button", name="Show courses").click()
    page.wait_for_url("**/courses/?q=cupping*")
    screenshot("catalogue-search-mobile")
    page.get_by_role(
        "link", name="eWTP seller readiness: selling Rwandan coffee across borders"
    ).click()
    page.wait_for_url("**/courses/ewtp-seller-readiness-coffee/")
    assert page.get_by_role("heading", name="Course outline").is_visible()
    screenshot("course-mobile")
    page.get_by_role(
        "link", name="Marketplace onboarding and KYC: getting verified to sell"
    ).first.click()
    page.wait_for_url("**/onboarding-kyc/")
    assert page.locator("picture img").first.is_visible()
    screenshot("lesson-mobile")
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Go").click()
    page.wait_for_url("**/fr/courses/ewtp-seller-readiness-coffee/get-verified/onboarding-kyc/")
    assert page.locator("html").get_attribute("lang") == "fr"
    screenshot("lesson-french-mobile")
