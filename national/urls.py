from django.urls import path

from . import views

app_name = "national"

urlpatterns = [
    path("", views.rollup, name="rollup"),
    path("export.<str:fmt>", views.export, name="export"),
]
