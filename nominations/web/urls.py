from django.urls import path

from nominations.web import (
    appraisal,
    blank_setup,
    blanks,
    decisions,
    imports,
    ledger_import,
    people,
    views,
)
from workflow.web.views import act

app_name = "nominations"

urlpatterns = [
    path("", views.nomination_list, name="list"),
    path("export.xlsx", views.nomination_list_xlsx, name="list_xlsx"),
    path("bulk/", views.nominations_bulk, name="bulk"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("new/", views.nomination_new, name="new"),
    path("import/", imports.nominations_upload, name="import"),
    path("import/template.xlsx", imports.import_template, name="import_template"),
    path("new/award-types/", views.award_type_options, name="award_type_options"),
    path("appraisal/", appraisal.appraisal_queue_page, name="appraisal"),
    path("decisions/", decisions.decisions_queue, name="decisions"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision"),
    path(
        "decisions/<int:pk>/list.xlsx",
        decisions.decision_xlsx_download,
        name="decision_xlsx",
    ),
    path(
        "decisions/<int:pk>/prize-payments.xlsx",
        decisions.prize_payments_download,
        name="prize_payments_xlsx",
    ),
    path(
        "decisions/<int:pk>/certificates-on-blank.pdf",
        blanks.certificates_on_blank_pdf,
        name="certificates_on_blank",
    ),
    path(
        "decisions/<int:pk>/printer-calibration.pdf",
        blanks.printer_calibration_pdf,
        name="printer_calibration",
    ),
    path("blanks/", blank_setup.blanks_setup, name="blanks"),
    path("blanks/calibration.pdf", blank_setup.blank_calibration, name="blank_calibration"),
    path("blanks/layouts/<int:pk>/", blank_setup.blank_layout, name="blank_layout"),
    path(
        "blanks/layouts/<int:pk>/sample.pdf",
        blank_setup.blank_layout_sample,
        name="blank_layout_sample",
    ),
    path("documents/<int:pk>/sign/", decisions.document_sign_view, name="document_sign"),
    path(
        "documents/<int:pk>.<str:fmt>",
        decisions.document_download,
        name="document",
    ),
    path("delegations/", decisions.delegations, name="delegations"),
    path("people/<int:pk>/", people.person_detail, name="person"),
    path("people/<int:pk>/proceedings/", people.proceeding_open_page, name="proceeding_open"),
    path(
        "people/<int:pk>/proceedings/<int:proceeding_id>/close/",
        people.proceeding_close_page,
        name="proceeding_close",
    ),
    path("suggestions/", people.suggestions, name="suggestions"),
    path("ledger/import/", ledger_import.ledger_upload, name="ledger_import"),
    path(
        "ledger/import/template.xlsx",
        ledger_import.ledger_import_template,
        name="ledger_import_template",
    ),
    path("<int:pk>/", views.nomination_detail, name="detail"),
    path("<int:pk>/edit/", views.nomination_edit, name="edit"),
    path("<int:pk>/attachments/", views.nomination_attach, name="attach"),
    path(
        "<int:pk>/attachments/<int:attachment_id>/change/",
        views.attachment_change,
        name="attachment_change",
    ),
    path("<int:pk>/report/", views.nomination_report, name="report"),
    path("<int:pk>/bundle.zip", views.nomination_bundle, name="bundle"),
    path(
        "<int:pk>/attachments/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path("<int:pk>/actions/<str:action>/", act, name="act"),
]
