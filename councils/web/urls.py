from django.urls import path

from councils.web import views

app_name = "councils"

urlpatterns = [
    path("", views.council_list, name="list"),
    path("<int:pk>/", views.council_detail, name="council"),
    path("authorities/<int:pk>/", views.authority_detail, name="authority"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/counts/", views.meeting_counts, name="counts"),
    path("meetings/<int:pk>/items/", views.meeting_add_item, name="add_item"),
    path("meetings/<int:pk>/open/", views.meeting_open, name="open"),
    path("meetings/<int:pk>/close/", views.meeting_close, name="close"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="minutes"),
    path("meetings/<int:pk>/results.xlsx", views.meeting_results_xlsx, name="results_xlsx"),
    path("items/<int:item_id>/vote/", views.item_vote, name="vote"),
    path("items/<int:item_id>/defer/", views.item_defer, name="defer"),
    path("items/<int:item_id>/comment/", views.item_comment, name="comment"),
]
