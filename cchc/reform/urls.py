from django.urls import path

from . import views, views_files

app_name = "reform"

PERIOD = "<slug:unit_code>/<int:year>/q<int:quarter>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views_files.import_upload, name="import"),
    path("audit/", views_files.audit_upload, name="audit"),
    path("<slug:unit_code>/settings/", views.settings_edit, name="settings"),
    path(PERIOD, views.period_page, name="period"),
    path(PERIOD + "submit/", views.period_submit, name="submit"),
    path(PERIOD + "rollup/", views.rollup, name="rollup"),
    path(PERIOD + "<slug:kind>/add/", views.row_add, name="row_add"),
    path(PERIOD + "<slug:kind>/<int:pk>/edit/", views.row_edit, name="row_edit"),
    path(PERIOD + "<slug:kind>/<int:pk>/delete/", views.row_delete, name="row_delete"),
]

# Who may open each page (the views enforce it through cchc.reform.access); a test fails on a missing name.
# READER: the unit is among access.units_readable (else 404); EDITOR: also access.can_edit (else 403);
# SUBMITTER: the unit's leader or reform officer; OVERSEER: a leader or reform officer of the district.
# IMPORTER: may edit some unit (access.units_editable), each row's unit checked by the importer, else 403;
# AUDITOR: a leader or reform officer of any unit (views_files.may_audit), else 403.
URL_PERMISSIONS = {
    "reform:index": "staff",
    "reform:import": "importer",
    "reform:audit": "auditor",
    "reform:period": "reader",
    "reform:rollup": "overseer",
    "reform:settings": "editor",
    "reform:submit": "submitter",
    "reform:row_add": "editor",
    "reform:row_edit": "editor",
    "reform:row_delete": "editor",
}
