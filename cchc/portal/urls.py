"""The public portal's addresses. They are a contract: printed on receipts and in their QR codes, so a path here
is never renamed (add new ones beside it). Each area's views module holds its own patterns.

- `/` the portal's home; `/thu-tuc/?q=TEXT` and `/thu-tuc/<procedure code>/` the public catalogue;
- `/nop-ho-so/<procedure code>/` online submission;
- `/tra-cuu/?ma=CODE&bi-mat=SECRET` tracking (or the applicant's phone number instead of the secret);
- `/danh-gia/` satisfaction evaluation; `/phan-anh/` feedback and petitions;
- `/bang-tin/<unit code>/` the unit's public live board.
"""

from __future__ import annotations

from .views import board, catalogue, evaluation, feedback, home, submission, tracking

app_name = "portal"

urlpatterns = [
    *home.urlpatterns,
    *catalogue.urlpatterns,
    *submission.urlpatterns,
    *tracking.urlpatterns,
    *evaluation.urlpatterns,
    *feedback.urlpatterns,
    *board.urlpatterns,
]
