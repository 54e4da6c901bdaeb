from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("", views.my_applications, name="mine"),
    path("new/", views.start, name="start"),
    path("status/", views.lookup, name="lookup"),
    path("queue/", views.work_queue, name="queue"),
    path("budget/", views.budget_queue, name="budget_queue"),
    path("decisions/", views.decision_queue, name="decisions"),
    path("disbursements/", views.disbursement_queue, name="disbursements"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tasks/", views.task_list, name="task_list"),
    path("<int:pk>/scheme/", views.step_scheme, name="step_scheme"),
    path("<int:pk>/project/", views.step_project, name="step_project"),
    path("<int:pk>/documents/", views.step_documents, name="step_documents"),
    path("<int:pk>/declaration/", views.step_declaration, name="step_declaration"),
    path("<int:pk>/check/", views.check_answers, name="check"),
    path("<int:pk>/confirmation/", views.confirmation, name="confirmation"),
    path("<int:pk>/receipt.pdf", views.receipt, name="receipt"),
    path("<int:pk>/timeline/", views.timeline, name="timeline"),
    path("<int:pk>/files/<int:document_pk>/", views.document_download, name="document"),
    path("<int:pk>/files/<int:document_pk>/delete/", views.document_delete, name="document_delete"),
    path("<int:pk>/supplement/", views.supplement, name="supplement"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/start/", views.start_implementation, name="start_implementation"),
    path("<int:pk>/completion/", views.completion, name="completion"),
    path("<int:pk>/review/start/", views.start_review, name="start_review"),
    path("<int:pk>/review/assign/", views.assign, name="assign"),
    path("<int:pk>/review/checklist/", views.save_checklist, name="checklist"),
    path("<int:pk>/review/comment/", views.comment, name="comment"),
    path("<int:pk>/review/return/", views.return_for_supplement, name="return"),
    path("<int:pk>/review/recommend/", views.recommend, name="recommend"),
    path("<int:pk>/reject/", views.reject, name="reject"),
    path("<int:pk>/completion/accept/", views.accept, name="accept"),
    path("<int:pk>/completion/return/", views.return_completion, name="return_completion"),
    path("<int:pk>/budget/approve/", views.approve_budget, name="approve_budget"),
    path("<int:pk>/budget/refuse/", views.reject_budget, name="reject_budget"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/disburse/", views.disburse, name="disburse"),
]
