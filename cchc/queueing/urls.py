"""The public queue addresses (a contract, like the portal's: never renamed): `/lay-so/<unit code>/` the ticket
kiosk, `/lay-so/<unit code>/so/<id>/` the printed ticket, `/man-hinh/<unit code>/` the hall display."""

from django.urls import path

from . import views_public

app_name = "queueing"

urlpatterns = [
    path("lay-so/<slug:code>/", views_public.kiosk, name="kiosk"),
    path("lay-so/<slug:code>/so/<int:pk>/", views_public.ticket, name="ticket"),
    path("man-hinh/<slug:code>/", views_public.display, name="display"),
    path("man-hinh/<slug:code>/trang-thai/", views_public.display_state, name="display_state"),
]
