from django.urls import path

from councils import views

app_name = "councils"

urlpatterns = [
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="minutes"),
]
