"""The staff's queue pages, under /can-bo/hang-doi/."""

from django.urls import path

from . import views_staff

app_name = "queueing_staff"

urlpatterns = [
    path("", views_staff.counter, name="counter"),
    path("thong-ke/", views_staff.statistics, name="statistics"),
    path("<slug:action>/", views_staff.counter_action, name="counter_action"),
]
