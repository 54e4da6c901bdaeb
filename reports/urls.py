from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_create, name="create"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/status/", views.report_status, name="status"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/retry/", views.report_retry_view, name="retry"),
    path("<int:pk>/finalise/", views.report_finalise_view, name="finalise"),
    path("<int:pk>/download/<str:fmt>/", views.report_download, name="download"),
]
