"""The portal's views, one module per area; each module's `urlpatterns` is joined in cchc/portal/urls.py.

The portal has no models of its own: it calls the same services, selectors and access rules as the staff site,
and shows no staff member's personal data and no other applicant's data.
"""
