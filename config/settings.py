"""Settings for CCHC: one module, per-environment values from environment variables.

Values that the law does not fix (marked UNVERIFIED in the domain spec) are settings here, not constants
in the code, so a province can change them without a release.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    """Return an environment variable, or the contents of the file named by NAME_FILE."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = env_str("SECRET_KEY") or ("insecure-dev-key-only-for-debug" if DEBUG else "")
ALLOWED_HOSTS = [h for h in env_str("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "cchc.units",
    "cchc.accounts",
    "cchc.procedures",
    "cchc.dossiers",
    "cchc.feedback",
    "cchc.reform",
    "cchc.reports",
    "cchc.exchange",
    "cchc.demo",
    "cchc.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cchc.web.middleware.InterfaceLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]

# The embedded default: a SQLite file under var/ (created on first use).
if not env_str("DATABASE_URL"):
    (BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'cchc.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:worklist"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "var" / "media")
MEDIA_URL = "media/"

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- The one-stop rules that are settings, not law (domain.md marks them UNVERIFIED or IMPLEMENTATION) ---
# Office hours of the one-stop desks (morning and afternoon sessions, local time). A working day's length is
# the sum of the sessions; half-day time limits are half of it.
CCHC_OFFICE_HOURS = [("07:00", "11:30"), ("13:30", "17:00")]
# Paper dossiers received after this hour count from the next working day (Decree 61/2018 Art. 18(2) for the
# transfer; a procedure may set its own cut-off).
CCHC_DEFAULT_PAPER_CUTOFF = "15:00"
# The date the 2025 regime (Decree 118/2025) takes over from the 2018 regime (Decree 61/2018).
CCHC_REGIME_2025_FROM = "2025-07-01"
# Under the 2025 regime, whether a supplement request during processing restarts the time limit from zero
# (VERIFIED for 2018, Art. 19(4); UNVERIFIED for Decree 118/2025).
CCHC_2025_SUPPLEMENT_RESTARTS_CLOCK = True
# Under the 2025 regime, the working days after receipt within which a supplement may be asked (2018: 3, Decree
# 61/2018 Art. 19(4), VERIFIED; Decree 118/2025's rule UNVERIFIED, so the 2018 value stands until checked).
# None: no window.
CCHC_2025_SUPPLEMENT_WINDOW_WORKING_DAYS = 3
# Under the 2025 regime, a desk may receive a dossier for another unit of the same province "regardless of
# administrative boundary" (không phụ thuộc địa giới hành chính; domain.md §8: CORROBORATED as the provinces' aim,
# the binding rule UNVERIFIED). Off: a desk receives only for its own unit, as in 2018.
CCHC_2025_RECEIPT_REGARDLESS_OF_BOUNDARY = env_bool("CCHC_2025_RECEIPT_REGARDLESS_OF_BOUNDARY", True)
# How many supplement requests one dossier may get. The law asks for the complete list at once (Decree 61/2018
# Art. 15, 19(4)): 1. A province whose rules allow a second request sets 2.
CCHC_SUPPLEMENT_REQUESTS_MAX = env_int("CCHC_SUPPLEMENT_REQUESTS_MAX", 1)
# Waiting for fees pauses the clock (practice, UNVERIFIED as law).
CCHC_FEE_WAIT_PAUSES_CLOCK = True
# Decree 61/2018 Art. 19(9): the apology letter goes out no later than 1 day before the deadline. On: a letter
# may still be recorded after that (it is then not "in time" for the figures). Off by default.
CCHC_APOLOGY_LATE_ALLOWED = env_bool("CCHC_APOLOGY_LATE_ALLOWED", False)
# Required digitization rate of dossier components and results (the seed's 70 %; source UNVERIFIED).
CCHC_DIGITIZATION_THRESHOLD_PCT = env_int("CCHC_DIGITIZATION_THRESHOLD_PCT", 70)
# A dossier is flagged as falling due when its deadline is within this many working days.
CCHC_DUE_SOON_WORKING_DAYS = 1

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
