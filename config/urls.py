"""The site's addresses: the public portal at the root, the staff site under /can-bo/, the admin at /admin/.

The portal's addresses are a contract (printed on receipts and in their QR codes): cchc/portal/urls.py. The staff
site's addresses before it moved under /can-bo/ redirect there (cchc.web.redirects).
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import URLPattern, URLResolver, include, path, re_path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from cchc.ops import health
from cchc.web.redirects import OLD_STAFF_PREFIXES, to_staff_site

# The admin's title in the browser tab, its header and its home page.
admin.site.site_title = _("One-stop shop administration")
admin.site.site_header = _("Electronic one-stop shop administration")
admin.site.index_title = _("System administration")


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """/favicon.ico, asked for by browsers on pages without an icon link (the admin's, a PDF): the static file."""
    return HttpResponseRedirect(static("favicon.ico"))


staff: list[URLPattern | URLResolver] = [
    path("dang-nhap/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="registration/password_change_form.html", success_url=reverse_lazy("password_change_done")
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="registration/password_change_done.html"),
        name="password_change_done",
    ),
    path("reform/", include("cchc.reform.urls")),
    path("reports/", include("cchc.reports.urls")),
    path("chi-so-766/", include("cchc.serviceindex.urls")),
    path("hang-doi/", include("cchc.queueing.urls_staff")),
    path("", include("cchc.web.urls")),
]

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    # Probes (answered first by cchc.ops.middleware.HealthMiddleware: no host check, HTTPS redirect or log-in).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("can-bo/", include(staff)),
    re_path(rf"^(?P<old>(?:{'|'.join(OLD_STAFF_PREFIXES)})/.*)$", to_staff_site, name="old_staff_address"),
    # The queue's public addresses (/lay-so/, /man-hinh/): a contract like the portal's (cchc/queueing/urls.py).
    path("", include("cchc.queueing.urls")),
    path("", include("cchc.portal.urls")),
]

# The error pages are templates/400.html, 403.html, 404.html and 500.html (Django's default handlers); a
# database that cannot be reached gives 503.html instead of the 500 page (cchc/lib/middleware.py).
handler500 = "cchc.lib.middleware.server_error"
