from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from config.health import healthz

admin.site.site_header = "Thi đua - Khen thưởng"
admin.site.site_title = "Thi đua - Khen thưởng"
admin.site.index_title = "Quản trị hệ thống"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("api.urls")),  # not under /en/: the API speaks JSON, not a locale
    path("i18n/", include("django.conf.urls.i18n")),
    path("", RedirectView.as_view(pattern_name="accounts:home", permanent=False)),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.web.urls")),
    path("councils/", include("councils.web.urls")),
    path("audit/", include("audit.web.urls")),
    path("nominations/", include("nominations.web.urls")),
    path("reports/", include("reports.web.urls")),
    prefix_default_language=False,
)
# Uploaded evidence is never served as static media, not even with DEBUG: only through
# nominations:attachment, which checks that the reader may see the nomination.

# Under /api/ every error answers in the API's JSON contract; elsewhere the HTML pages.
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
