from django.urls import path

from .views import activities, budget, dashboard, news, partners, plans, public

app_name = "programs"

urlpatterns = [
    # public
    path("public/", public.public_programme, name="public_programme"),
    path("public/results/", dashboard.public_dashboard, name="public_dashboard"),
    path("news/", public.news_list, name="news_list"),
    path("news/<slug:slug>/", public.news_detail, name="news_detail"),
    # leadership
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/records/", dashboard.figure_records, name="figure_records"),
    # plans (staff)
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_edit, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/step/<str:step>/", plans.plan_step, name="plan_step"),
    path("plans/<int:pk>/successor/", plans.plan_successor, name="plan_successor"),
    path("plans/<int:plan_pk>/objectives/new/", plans.objective_edit, name="objective_create"),
    path("objectives/<int:pk>/edit/", plans.objective_edit, name="objective_edit"),
    path("objectives/<int:objective_pk>/indicators/new/", plans.indicator_edit, name="indicator_create"),
    path("indicators/<int:pk>/edit/", plans.indicator_edit, name="indicator_edit"),
    path("plans/<int:plan_pk>/annual/new/", plans.annual_plan_edit, name="annual_plan_create"),
    path("annual/<int:pk>/", plans.annual_plan_detail, name="annual_plan_detail"),
    path("annual/<int:pk>/edit/", plans.annual_plan_edit, name="annual_plan_edit"),
    path("plans/<int:plan_pk>/groups/new/", plans.task_group_edit, name="task_group_create"),
    path("groups/<int:pk>/edit/", plans.task_group_edit, name="task_group_edit"),
    path("groups/<int:group_pk>/tasks/new/", plans.task_edit, name="task_create"),
    path("tasks/<int:pk>/edit/", plans.task_edit, name="task_edit"),
    # activities (staff)
    path("plans/<int:plan_pk>/activities/", activities.activity_list, name="activity_list"),
    path("plans/<int:plan_pk>/activities/new/", activities.activity_edit, name="activity_create"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", activities.activity_edit, name="activity_edit"),
    path("attachments/<int:pk>/", activities.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/remove/", activities.attachment_remove, name="attachment_remove"),
    # budget
    path("budget/", budget.budget_list, name="budget_list"),
    path("budget/propose/", budget.estimate_propose_view, name="estimate_propose"),
    path("budget/<int:pk>/", budget.estimate_detail, name="estimate_detail"),
    path("budget/<int:pk>/<str:action>/", budget.estimate_decide, name="estimate_decide"),
    # partner reporting
    path("partners/reports/", partners.partner_report_list, name="partner_report_list"),
    path("partners/reports/new/", partners.partner_report_edit, name="partner_report_create"),
    path("partners/reports/<int:pk>/", partners.partner_report_view, name="partner_report_detail"),
    path("partners/reports/<int:pk>/edit/", partners.partner_report_edit, name="partner_report_edit"),
    path("partners/reports/<int:pk>/figures/", partners.partner_figure_add, name="partner_figure_add"),
    path("partners/reports/<int:pk>/activities/", partners.partner_activity_add, name="partner_activity_add"),
    path("partners/reports/<int:pk>/submit/", partners.partner_report_submit_view, name="partner_report_submit"),
    path("partners/reports/<int:pk>/<str:action>/", partners.partner_report_decide, name="partner_report_decide"),
    path("partners/evidence/<int:pk>/", partners.partner_evidence, name="partner_evidence"),
    # news (staff)
    path("news-admin/", news.news_manage, name="news_manage"),
    path("news-admin/new/", news.news_edit, name="news_create"),
    path("news-admin/<int:pk>/edit/", news.news_edit, name="news_edit"),
]
