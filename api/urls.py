"""/api/v1/: the routes of every module of this package, the OpenAPI schema and its docs."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api.accounts import MeView, TokenView
from api.audit import AuditEventList, AuditVerify
from api.councils import AuthorityViewSet, MeetingViewSet, UnitViewSet
from api.nominations.views import (
    AwardTypeViewSet,
    DecisionViewSet,
    MovementViewSet,
    NominationViewSet,
    PersonLedgerView,
)

ID_PATTERN = "[0-9]{1,18}"


class NumericIdRouter(DefaultRouter):
    """An object's id in a path is a number that fits a 64-bit key: "abc" or a 30-digit
    number is no route (a JSON 404), never a query that fails. A viewset that looks up by
    something else (award types by code) says so with its own `lookup_value_regex`."""

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        if not hasattr(viewset, "lookup_value_regex") and viewset.lookup_field == "pk":
            viewset.lookup_value_regex = ID_PATTERN
        return super().get_lookup_regex(viewset, lookup_prefix)


router = NumericIdRouter()
router.register("authorities", AuthorityViewSet, basename="authority")
router.register("units", UnitViewSet, basename="unit")
router.register("award-types", AwardTypeViewSet, basename="award-type")
router.register("movements", MovementViewSet, basename="movement")
router.register("nominations", NominationViewSet, basename="nomination")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("decisions", DecisionViewSet, basename="decision")

urlpatterns = [
    path("api/v1/auth/token/", TokenView.as_view(), name="api-token"),
    path("api/v1/me/", MeView.as_view(), name="api-me"),
    re_path(
        rf"^api/v1/people/(?P<pk>{ID_PATTERN})/awards/$",
        PersonLedgerView.as_view(),
        name="api-person-awards",
    ),
    path("api/v1/audit/events/", AuditEventList.as_view(), name="api-audit-events"),
    path("api/v1/audit/verify/", AuditVerify.as_view(), name="api-audit-verify"),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view loads its start-up script as a file, so scripts stay 'self' only; Swagger
    # UI styles its own elements inline, so this one page allows inline styles.
    path(
        "api/docs/",
        csp_update({"style-src": [UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
]
