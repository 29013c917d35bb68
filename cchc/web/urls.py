from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("dossiers/<str:code>/", views.dossier_detail, name="dossier_detail"),
]
