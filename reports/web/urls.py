from django.urls import path

from reports.web import views

app_name = "reports"

urlpatterns = [
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/export.xlsx", views.statistics_download, name="statistics_xlsx"),
    path("statistics/report.<str:fmt>", views.statistics_document, name="statistics_document"),
    path("register/", views.register, name="register"),
    path("register/export.xlsx", views.register_download, name="register_xlsx"),
    path("proposals/", views.proposals, name="proposals"),
    path("movements/", views.movements, name="movements"),
    path("movements/<int:pk>/", views.movement_detail, name="movement"),
    path("movements/<int:pk>/report.<str:fmt>", views.movement_report, name="movement_report"),
    path(
        "targets/<int:pk>/periods/<int:period_id>/",
        views.target_result,
        name="target_result",
    ),
    path("results/<int:pk>/evidence/", views.target_evidence, name="target_evidence"),
    path("blocs/<int:pk>/periods/<int:period_id>/", views.bloc_scores, name="bloc_scores"),
    path(
        "registrations/<int:pk>/assessment/",
        views.registration_assessment,
        name="registration_assessment",
    ),
]
