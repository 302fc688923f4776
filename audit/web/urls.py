from django.urls import path, re_path

from audit.web import views

app_name = "audit"

urlpatterns = [
    path("nominations/<int:pk>/", views.timeline, name="timeline"),
    path("events/", views.search, name="search"),
    re_path(r"^events/export\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
]
