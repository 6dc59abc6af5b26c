"""The page tree is fixed in code, and each page type can be created through the admin."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.api import seed_demo_site
from courses.models import (
    CatalogPage,
    CoursePage,
    HomePage,
    LessonPage,
    ModulePage,
    QuizPage,
    StandardPage,
)
from tests.accounts.factories import StaffFactory
from tests.accounts.helpers import log_in_with_mfa
from tests.courses import factories
from tests.courses.admin_forms import quiz_form


class PageTreeTests(WagtailPageTestCase):
    def setUp(self):
        self.home = seed_demo_site()
        log_in_with_mfa(self.client, StaffFactory(is_superuser=True))

    def test_parent_and_child_types(self):
        self.assertAllowedSubpageTypes(HomePage, {CatalogPage, StandardPage})
        self.assertAllowedSubpageTypes(CatalogPage, {CoursePage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage, QuizPage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertAllowedParentPageTypes(CoursePage, {CatalogPage})
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertAllowedParentPageTypes(QuizPage, {ModulePage})
        self.assertCanNotCreateAt(Page, CoursePage)
        self.assertCanNotCreateAt(CatalogPage, LessonPage)

    def test_create_each_page_type_through_the_admin(self):
        self.assertCanCreate(
            self.home,
            CatalogPage,
            nested_form_data(
                {
                    "title": "Courses",
                    "slug": "courses",
                    "intro": rich_text("<p>All.</p>"),
                    "page_size": "12",
                }
            ),
        )
        catalog = CatalogPage.objects.get()
        self.assertCanCreate(
            catalog,
            CoursePage,
            nested_form_data(
                {
                    "title": "Selling tea online",
                    "slug": "selling-tea",
                    "summary": "Tea abroad.",
                    "description": rich_text(""),
                    "outcomes": streamfield([("outcome", "List a tea")]),
                    "for_entrepreneurs": "on",
                    "tags": "tea, export",
                    "level": "beginner",
                    "estimated_hours": "3",
                    "format": "self_paced",
                    "enrolment_open": "on",
                    "issues_certificate": "on",
                }
            ),
        )
        course = CoursePage.objects.get()
        assert [t.name for t in course.tags.all()] == ["export", "tea"]
        self.assertCanCreate(
            course, ModulePage, nested_form_data({"title": "Start", "slug": "start", "summary": ""})
        )
        module = ModulePage.objects.get()
        self.assertCanCreate(
            module,
            LessonPage,
            nested_form_data(
                {
                    "title": "Tea grades",
                    "slug": "tea-grades",
                    "summary": "",
                    "estimated_minutes": "12",
                    "free_preview": "on",
                    "required_for_completion": "on",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Orthodox and CTC", "level": "h2"}),
                            ("paragraph", rich_text("<p>Rwanda makes both.</p>")),
                            (
                                "key_takeaways",
                                {
                                    "items": {
                                        "count": "1",
                                        "0": {
                                            "value": "Know your grade",
                                            "deleted": "",
                                            "order": "0",
                                        },
                                    }
                                },
                            ),
                        ]
                    ),
                }
            ),
        )
        self.assertCanCreate(module, QuizPage, quiz_form(slug="tea-quiz"))
        lesson = LessonPage.objects.get()
        assert lesson.free_preview and [b.block_type for b in lesson.body] == [
            "heading",
            "paragraph",
            "key_takeaways",
        ]

    def test_pages_render(self):
        course = factories.small_course(self.home, modules=1, lessons=1)
        LessonPage.objects.update(free_preview=True)  # lesson bodies are for enrolled learners
        for page in [course, *course.get_descendants().specific()]:
            self.assertPageIsRenderable(page)
