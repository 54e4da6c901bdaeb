from django.urls import path

from . import views

app_name = "enterprises"

urlpatterns = [
    path("", views.enterprise_list, name="list"),
    path("export/", views.enterprise_export, name="export"),
    path("unit-options/", views.unit_options, name="unit_options"),
    path("new/", views.enterprise_create, name="create"),
    path("<int:pk>/", views.enterprise_detail, name="detail"),
    path("<int:pk>/edit/", views.enterprise_edit, name="edit"),
    path("mine/", views.my_enterprises, name="mine"),
    path("mine/register/", views.enterprise_register, name="register"),
    path("mine/join/", views.enterprise_join, name="join"),
    path("representatives/", views.representatives_pending, name="representatives"),
    path("representatives/<int:pk>/decide/", views.representative_decide, name="representative_decide"),
    path("import/", views.import_upload, name="import"),
    path("import/commit/", views.import_commit, name="import_commit"),
    path("import/template.xlsx", views.import_template, name="import_template"),
]
