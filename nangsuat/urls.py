from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from accounts.views import public_home
from national.api import api

from . import views

urlpatterns = [
    path("", public_home, name="public_home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("home/", include("accounts.urls")),
    path("enterprises/", include("enterprises.urls")),
    path("programs/", include("programs.urls")),
    path("applications/", include("programs.applications.urls")),
    path("training/", include("training.urls")),
    path("reports/", include("reports.urls")),
    path("national/", include("national.urls")),
    path("api/v1/", api.urls),
]

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
