from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("courses/<int:pk>/", views.course_public, name="course_public"),
    path("courses/<int:pk>/register/", views.register, name="register"),
    path("verify/", views.verify, name="verify"),
    path("verify/<str:code>/", views.verify_code, name="verify_code"),
    path("my/", views.my_enrolments, name="my_enrolments"),
    path("enrolments/<int:pk>/", views.enrolment_detail, name="enrolment_detail"),
    path("enrolments/<int:pk>/cancel/", views.enrolment_cancel, name="enrolment_cancel"),
    path("enrolments/<int:pk>/certificate.pdf", views.enrolment_certificate, name="enrolment_certificate"),
    path("person-times/", views.person_times, name="person_times"),
    path("manage/", views.course_list, name="course_list"),
    path("manage/new/", views.course_create, name="course_create"),
    path("manage/participants/", views.participant_list, name="participant_list"),
    path("manage/<int:pk>/", views.course_detail, name="course_detail"),
    path("manage/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("manage/<int:pk>/status/", views.course_status, name="course_status"),
    path("manage/<int:pk>/sessions/new/", views.session_add, name="session_add"),
    path("manage/<int:pk>/certify/", views.course_certify, name="course_certify"),
    path("manage/<int:pk>/import/", views.import_upload, name="import"),
    path("manage/<int:pk>/import/commit/", views.import_commit, name="import_commit"),
    path("manage/<int:pk>/import/template.xlsx", views.import_template, name="import_template"),
    path("manage/enrolments/<int:pk>/certify/", views.enrolment_certify, name="enrolment_certify"),
    path("manage/sessions/<int:pk>/", views.attendance_sheet, name="attendance_sheet"),
    path("manage/sessions/<int:pk>/all/", views.attendance_mark_all, name="attendance_mark_all"),
    path("manage/sessions/<int:pk>/<int:enrolment_pk>/", views.attendance_mark, name="attendance_mark"),
]
