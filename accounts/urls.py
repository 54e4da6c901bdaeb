from django.urls import path

from . import jobs, views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_log, name="audit_log"),
    path("exports/<uuid:pk>/", jobs.job_page, name="export_job"),
    path("exports/<uuid:pk>/download/", jobs.job_download, name="export_download"),
]
