from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path, register_converter, reverse_lazy
from django.views.decorators.cache import cache_control
from django.views.generic import RedirectView
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from accounts import views as accounts_views
from config.dashboard import dashboard
from config.health import healthz
from config.observability import metrics_view
from config.pwa import accounts_logout, manifest, offline, service_worker
from config.views import language_switch, media_file, robots_txt
from core.ids import IdConverter
from marketplace_link.storefront.webhooks import marketplace_webhook

# Before the includes below: their patterns use <id:...> (core/ids.py).
register_converter(IdConverter, "id")


class LoginRedirect(RedirectView):
    """Wagtail's and Django's own login pages would skip allauth's MFA stage: send them there."""

    query_string = True
    url = reverse_lazy("account_login")


handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Prometheus, for the scraper only (a bearer token or an allowed address: docs/deployment.md).
    path("metrics", metrics_view, name="metrics"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # The installable app (docs/offline.md): the worker must be at the root to control the site.
    path("sw.js", service_worker, name="pwa_service_worker"),
    path("manifest.webmanifest", manifest, name="pwa_manifest"),
    path("i18n/switch/", language_switch, name="language_switch"),
    path("admin/login/", LoginRedirect.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/login/", LoginRedirect.as_view()),
    path("django-admin/", admin.site.urls),
    # Many documents are for enrolled learners only (lms/document_access.py): no shared cache may
    # keep one and hand it to someone else.
    path(
        "documents/",
        include(decorate_urlpatterns(wagtaildocs_urls.urlpatterns, cache_control(private=True))),
    ),
    path("certificates/", include("certificates.urls")),
    # Signed calls from the marketplace: no language prefix, no session, no CSRF token.
    path("marketplace/webhooks/", marketplace_webhook, name="marketplace_webhook"),
    # The read API for partner systems (issue 17): tokens, not sessions; no language prefix.
    path("api/v1/", include("partner_api.urls")),
]

urlpatterns += i18n_patterns(
    # Wagtail's page-privacy login is Django's bare LoginView: no MFA stage, no rate limits.
    path("_util/login/", LoginRedirect.as_view()),
    # Before allauth's own: a second POST of a confirmation link answers as the first did.
    path(
        "accounts/confirm-email/<str:key>/",
        accounts_views.ConfirmEmailView.as_view(),
        name="account_confirm_email",
    ),
    # Before allauth's own: logging out clears the learner's offline data from the phone.
    path("accounts/logout/", accounts_logout, name="account_logout"),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("accounts.urls")),
    path("dashboard/", dashboard, name="dashboard"),
    path("offline/", offline, name="offline"),
    path("learn/", include("lms.urls")),
    path("storefront/", include("marketplace_link.urls")),
    path("storefronts/", include("marketplace_link.storefront.showcase")),
    path("impact/", include("impact.public.urls")),
    # Wagtail's page URLs, routed in one query (courses/routing.py).
    path("", include("courses.urls")),
    prefix_default_language=False,
)

# Image renditions and originals are public, named by content (Wagtail adds a hash), and so are
# storefront logos and product photos, named by a random id (marketplace_link/models.py): all are
# served with a long cache lifetime. Documents go through Wagtail's own view (/documents/), which
# checks collection privacy. A front proxy or CDN may take this over; nothing else changes.
urlpatterns.insert(
    0,
    re_path(
        r"^media/(?P<path>(?:images|original_images|marketplace/images)/[^/]+)$",
        media_file,
    ),
)
