from django.contrib.auth import views as auth_views
from django.urls import path

from accounts.web import sign_in, views
from workflow.web.views import notification_open

app_name = "accounts"

urlpatterns = [
    path("login/", sign_in.SignInView.as_view(), name="login"),
    path("login/code/", sign_in.sign_in_code, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("notifications/<int:pk>/", notification_open, name="notification"),
    path("", views.home, name="home"),
]
