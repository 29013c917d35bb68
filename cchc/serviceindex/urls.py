from django.urls import path

from . import views

app_name = "serviceindex"

urlpatterns = [
    path("", views.index_page, name="index"),
    path("xlsx/", views.index_xlsx, name="xlsx"),
]
