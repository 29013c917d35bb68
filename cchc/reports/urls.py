from django.urls import path

from . import officers, satisfaction, views

app_name = "reports"

urlpatterns = [
    path("", views.report, name="report"),
    path("download/<slug:fmt>/", views.download, name="download"),
    path("dossiers/", views.figure_dossiers, name="figure_dossiers"),
    path("satisfaction/", satisfaction.satisfaction, name="satisfaction"),
    path("officers/", officers.officers, name="officers"),
]
