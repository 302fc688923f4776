"""/api/v1/: the routes of every module of this package, the OpenAPI schema and its docs."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path
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

router = DefaultRouter()
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
    path("api/v1/people/<int:pk>/awards/", PersonLedgerView.as_view(), name="api-person-awards"),
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
