from django.urls import path

from . import forms_print, views, views_evaluation, views_feedback, views_guidance, views_tracking, views_worklist

app_name = "web"

urlpatterns = [
    path("", views_worklist.worklist, name="worklist"),
    path("bat-dau/", views_worklist.landing, name="landing"),
    path("receive/", views.receive, name="receive"),
    path("receive/procedures/", views.receive_procedures, name="receive_procedures"),
    path("receive/components/", views.receive_components, name="receive_components"),
    path("receive/guidance/", views_guidance.receive_guidance, name="receive_guidance"),
    path("guidance/<int:pk>/", views_guidance.print_guidance, name="print_guidance"),
    path("search/", views.search, name="search"),
    path("tracking-book/", views_tracking.tracking_book, name="tracking_book"),
    path("tracking-book/print/", views_tracking.tracking_book_print, name="tracking_book_print"),
    path("tracking-book/csv/", views_tracking.tracking_book_csv, name="tracking_book_csv"),
    path("dossiers/<str:code>/", views.dossier_detail, name="dossier_detail"),
    path("dossiers/<str:code>/receipt/", views.receipt, name="receipt"),
    path(
        "dossiers/<str:code>/print/supplement-request/", forms_print.supplement_request, name="print_supplement_request"
    ),
    path("dossiers/<str:code>/print/refusal/", forms_print.refusal, name="print_refusal"),
    path("dossiers/<str:code>/print/apology/", forms_print.apology, name="print_apology"),
    path("dossiers/<str:code>/print/control-sheet/", forms_print.control_sheet, name="print_control_sheet"),
    path("dossiers/<str:code>/print/stop-notice/", forms_print.stop_notice, name="print_stop_notice"),
    path("dossiers/<str:code>/actions/<slug:action>/", views.dossier_action, name="dossier_action"),
    path("dossiers/<str:code>/documents/", views.dossier_upload, name="dossier_upload"),
    path("dossiers/<str:code>/documents/<int:pk>/", views.document, name="document"),
    path("kiosk/", views_evaluation.kiosk, name="kiosk"),
    path("kiosk/cam-on/", views_evaluation.kiosk_thanks, name="kiosk_thanks"),
    path("phan-anh/", views_feedback.feedback_list, name="feedback_list"),
    path("phan-anh/<str:pk>/", views_feedback.feedback_detail, name="feedback_detail"),
]
