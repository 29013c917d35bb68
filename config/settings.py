"""Settings for CCHC: one module, per-environment values from environment variables.

Values that the law does not fix (marked UNVERIFIED in the domain spec) are settings here, not constants
in the code, so a province can change them without a release.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
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
    return int(value) if value else default


# Development mode only when asked for (`DEBUG=1`: `make run` and the demo set it); production is the default.
DEBUG = env_bool("DEBUG", default=False)
# Required when DEBUG is off: at least 50 characters, else every command and the WSGI application refuse to start
# (system check cchc.E101, cchc/accounts/checks.py). The development key below is used only with DEBUG on.
SECRET_KEY = env_str("SECRET_KEY") or ("insecure-dev-key-only-for-debug" if DEBUG else "")
ALLOWED_HOSTS = [h for h in env_str("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
# With DEBUG on, the debug page hides the database URL, passwords, keys and tokens (cchc/lib/debug.py).
DEFAULT_EXCEPTION_REPORTER_FILTER = "cchc.lib.debug.SecretsExceptionReporterFilter"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_htmx",
    "template_partials",
    "django_tasks",
    # The database backend of the task queue (CCHC_TASKS_BACKEND=database); its table is there whichever is chosen.
    "django_tasks_db",
    "cchc.units",
    "cchc.accounts",
    "cchc.procedures",
    "cchc.dossiers",
    "cchc.feedback",
    "cchc.notices",
    "cchc.reform",
    "cchc.reports",
    "cchc.serviceindex",
    "cchc.exchange",
    "cchc.demo",
    "cchc.web",
    "cchc.portal",
    # Queue numbers: the ticket kiosk, the counters, the hall display (docs/decisions/0032).
    "cchc.queueing",
    # `cchc serve`, `cchc worker`, /healthz and /readyz, the log lines' request id, backups (docs/decisions/0028).
    "cchc.ops",
]

MIDDLEWARE = [
    # First: the request id on every log line and response, the access log line; then /healthz and /readyz,
    # answered before the host check, the HTTPS redirect and the session (cchc/ops/middleware.py).
    "cchc.ops.middleware.RequestIdMiddleware",
    "cchc.ops.middleware.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # A database that cannot be reached gives the 503 page, not a traceback (before anything that reads it).
    "cchc.lib.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cchc.web.middleware.InterfaceLanguageMiddleware",
    # The Vietnamese 405 page, and the Vietnamese 404/500 pages with DEBUG on too (cchc/lib/error_pages.py).
    "cchc.lib.error_pages.ErrorPagesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out log-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

# With DEBUG on, Django's technical 404 and 500 pages instead of the project's Vietnamese ones (for a developer;
# not law: a choice of this project, cchc/lib/error_pages.py).
CCHC_TECHNICAL_ERROR_PAGES = env_bool("CCHC_TECHNICAL_ERROR_PAGES", False)

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
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool("CCHC_PG_JIT", False):
    # PostgreSQL's JIT compiles the figures' one aggregate of ~30 FILTER conditions on every report, costing
    # ~1.7 s of a 2.3 s query at 1,000,000 dossiers and saving nothing (docs/decisions/0012-postgresql-jit-off.md).
    # CCHC_PG_JIT=1 keeps the server's setting (e.g. behind a pooler that refuses start-up options).
    DATABASES["default"].setdefault("OPTIONS", {})
    existing = DATABASES["default"]["OPTIONS"].get("options", "")
    DATABASES["default"]["OPTIONS"]["options"] = f"{existing} -c jit=off".strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections, checked before reuse: one per server thread, so a server holds at most
    # CCHC_SERVE_WORKERS x CCHC_SERVE_THREADS of them (below PostgreSQL's max_connections with every server, the
    # worker and the commands counted; docs/decisions/0028). DB_CONN_MAX_AGE=0 closes each after its request.
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A database host that does not answer fails a connection after this many seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", env_int("DB_CONNECT_TIMEOUT", 5))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
# After log-in each role lands on its job (cchc.web.views_worklist.landing).
LOGIN_REDIRECT_URL = "web:landing"
LOGOUT_REDIRECT_URL = "login"
# Passwords: not like the user name or the user's own name, not the name of a unit the user works in, at least
# 10 characters, not a common password, not digits only.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "first_name", "last_name", "email")},
    },
    {"NAME": "cchc.accounts.validators.UnitNameValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Log-in attempts (django-axes) ---
# django-axes watches every log-in (its backend first, so that a locked-out account is refused before its password
# is checked) and stores the attempts and lock-outs, which the admin lists and lifts (also `cchc axes_reset`).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# 5 failed log-ins lock for 15 minutes, counted per user name (whatever the address: guessing one officer's
# password from many machines) and per address (whatever the user name: trying one password on many accounts).
# Per address alone would let a guesser spread over addresses; per user name alone would not stop spraying. The
# cost: the officers of one office behind one public address share its count, so a correct log-in resets the
# count of that user and address (AXES_RESET_ON_SUCCESS) and an administrator lifts a lock-out in the admin.
AXES_FAILURE_LIMIT = env_int("CCHC_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("CCHC_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# The lock-out page: registration/locked_out.html, rendered with the wait in minutes (429 Too Many Requests).
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_LOCKOUT_CALLABLE = "cchc.accounts.views.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
# The client's address: REMOTE_ADDR, or behind CCHC_TRUSTED_PROXIES reverse proxies the address those proxies
# appended to X-Forwarded-For (cchc/accounts/security.py), so that one proxy's address is not everybody's.
CCHC_TRUSTED_PROXIES = env_int("CCHC_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "cchc.accounts.security.client_ip"

# --- Sessions: an idle time, and optionally the end of the browser session ---
# SESSION_SAVE_EVERY_REQUEST renews the expiry on every request, so the age is the time since the last request.
SESSION_COOKIE_AGE = 60 * env_int("CCHC_SESSION_IDLE_MINUTES", 30)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("CCHC_SESSION_EXPIRE_AT_BROWSER_CLOSE", False)

# --- HTTPS, headers and cookies (`cchc check --deploy` reports nothing with CCHC_HTTPS=1) ---
HTTPS = env_bool("CCHC_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("CCHC_HSTS_SECONDS", 365 * 24 * 3600) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("CCHC_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("CCHC_HSTS_PRELOAD", True)
# Behind a reverse proxy that terminates HTTPS: the header it sets and its value, e.g.
# CCHC_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO=https". Only set it when the proxy always sets or strips it.
_proxy_ssl_header = env_str("CCHC_PROXY_SSL_HEADER")
if _proxy_ssl_header:
    _header, _sep, _value = _proxy_ssl_header.partition("=")
    SECURE_PROXY_SSL_HEADER = (_header.strip(), _value.strip() or "https")
CSRF_TRUSTED_ORIGINS = [o for o in env_str("CSRF_TRUSTED_ORIGINS").split(",") if o]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp 4): scripts and styles only from the site's own files, no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# Documents (uploads) on disk under MEDIA_ROOT, or with CCHC_STORAGE=s3 in an S3-compatible bucket shared by every
# app server (django-storages: `pip install 'cchc[s3]'`; MinIO, Ceph, a cloud's object storage). Private objects,
# never overwritten; the key and secret may also come from boto3's usual places (AWS_* variables, an instance role).
CCHC_STORAGE = env_str("CCHC_STORAGE", "filesystem")
_documents_storage: dict = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if CCHC_STORAGE == "s3":
    _documents_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("CCHC_S3_BUCKET"),
            "endpoint_url": env_str("CCHC_S3_ENDPOINT_URL") or None,
            "region_name": env_str("CCHC_S3_REGION") or None,
            "access_key": env_str("CCHC_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("CCHC_S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("CCHC_S3_PREFIX"),
            "addressing_style": env_str("CCHC_S3_ADDRESSING_STYLE") or None,
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
# Static files are served by WhiteNoise, also with DEBUG off. In production from STATIC_ROOT (`cchc serve` collects
# them when static/ changed; or `cchc collectstatic`) with hashed names, gzip and brotli files beside them; under
# DEBUG and in the tests straight from static/ (no collectstatic needed).
STORAGES = {
    "default": _documents_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "var" / "media")
MEDIA_URL = "media/"

# The background task queue (notices to applicants, reminders): "immediate" runs each task at once in the process
# that enqueues it (after the commit, so still within the officer's request); "database" stores it for the worker
# `cchc worker` (django-tasks-db's db_worker), which also runs the deferred retries of failed notices
# (docs/decisions/0017-notices-and-task-queue.md). The default: "database" in production (DEBUG off), so a notice
# survives a restart; "immediate" under DEBUG=1 (the demo, `make run`: nothing to run beside it); the tests pin
# "immediate" (config/settings_test.py). docs/decisions/0028.
CCHC_TASKS_BACKEND = env_str("CCHC_TASKS_BACKEND", "immediate" if DEBUG else "database")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if CCHC_TASKS_BACKEND == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}
# Mail (notices to applicants, officers' reminders): Django's SMTP settings from the environment. Without EMAIL_HOST
# no SMTP server is configured: the mail backend prints to the console under DEBUG.
if env_str("EMAIL_HOST"):
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "motcua@localhost")
# Notices to applicants (cchc/notices): the backend of each channel, by dotted path. The default writes them to the
# `cchc.notices` log (LOG_LEVEL=INFO shows them); production names cchc.notices.backends.EmailBackend (Django's
# mail, above) and cchc.notices.backends.HttpSmsBackend (an SMS gateway), or a class of its own with send(notice).
CCHC_NOTICE_BACKENDS = {
    "email": env_str("CCHC_NOTICE_EMAIL_BACKEND", "cchc.notices.backends.LogBackend"),
    "sms": env_str("CCHC_NOTICE_SMS_BACKEND", "cchc.notices.backends.LogBackend"),
}
# The HTTP SMS gateway (HttpSmsBackend): its address, the key sent as "Authorization: Bearer KEY", and how long to
# wait for its answer (seconds; with the immediate task queue the officer's request waits that long at most).
CCHC_SMS_GATEWAY_URL = env_str("CCHC_SMS_GATEWAY_URL")
CCHC_SMS_GATEWAY_KEY = env_str("CCHC_SMS_GATEWAY_KEY")
CCHC_SMS_GATEWAY_TIMEOUT = env_int("CCHC_SMS_GATEWAY_TIMEOUT", 5)

# The cache, where the portal's rate limits count (cchc/portal/ratelimit.py): shared by every server process, so a
# limit counts the guesses made on all of them. By default a table in the database (`cchc migrate` makes it;
# cchc.lib.cache counts atomically and keeps a window's expiry); CACHE_URL names a Redis instead, e.g.
# redis://127.0.0.1:6379/1 (Django's RedisCache; `pip install 'cchc[redis]'`). docs/decisions/0014 and 0031.
# MAX_ENTRIES: past it the expired counts are deleted (each write counts the table's rows, so not millions).
CACHES = {
    "default": {
        "BACKEND": "cchc.lib.cache.DatabaseCache",
        "LOCATION": "cchc_cache",
        "OPTIONS": {"MAX_ENTRIES": env_int("CCHC_CACHE_MAX_ENTRIES", 20_000)},
    }
}
if env_str("CACHE_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("CACHE_URL")}}
# Seconds the service index page keeps the current (unfinished) period's counts in the cache; an ended period is
# kept a day, and `cchc import dossiers` forgets them all (cchc/serviceindex/cached.py, docs/decisions/0034).
CCHC_INDEX_CACHE_SECONDS = env_int("CCHC_INDEX_CACHE_SECONDS", 300)

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
# Feedback and petitions (phản ánh, kiến nghị): the working days within which the unit answers. 10 is the Ninh Bình
# example (Decision 163/2025/QĐ-CTUBND Art. 18-19, domain.md §2.11); the national rule (Decree 20/2008/NĐ-CP as
# amended) is UNVERIFIED, so a province sets its own.
CCHC_FEEDBACK_ANSWER_WORKING_DAYS = env_int("CCHC_FEEDBACK_ANSWER_WORKING_DAYS", 10)
# The portal's feedback form: feedback sent from one client address per hour, then HTTP 429 (spam; an
# implementation choice, not law; counted in the cache like the tracking look-up, cchc/portal/ratelimit.py).
CCHC_FEEDBACK_PER_ADDRESS_PER_HOUR = env_int("CCHC_FEEDBACK_PER_ADDRESS_PER_HOUR", 5)
# --- Limits on what users and imports may send (issue 7; implementation choices, not law) ---
# The years a typed or imported date may fall in; a receipt in year 1 or 9999 is a typing slip.
CCHC_MIN_YEAR = env_int("CCHC_MIN_YEAR", 1990)
CCHC_MAX_YEAR = env_int("CCHC_MAX_YEAR", 2100)
# Uploaded documents: the largest file, and the most all the documents of one dossier may hold (MB).
CCHC_UPLOAD_MAX_MB = env_int("CCHC_UPLOAD_MAX_MB", 20)
CCHC_DOSSIER_UPLOADS_MAX_MB = env_int("CCHC_DOSSIER_UPLOADS_MAX_MB", 200)
# The portal's visitors (online submission, supplements): PDF, JPEG and PNG only, the largest file and the most one
# dossier's files may hold in all (MB). Implementation choices (issue 8), not law: a phone photo or a scanned page
# is well under 10 MB.
CCHC_PORTAL_UPLOAD_MAX_MB = env_int("CCHC_PORTAL_UPLOAD_MAX_MB", 10)
CCHC_PORTAL_DOSSIER_UPLOADS_MAX_MB = env_int("CCHC_PORTAL_DOSSIER_UPLOADS_MAX_MB", 50)
# The virus-scan hook of every upload: the dotted path of a callable `scan(file) -> None` that raises
# cchc.lib.uploads.UploadError for a file it refuses (e.g. one that asks a clamd daemon). Empty: no scanner.
CCHC_UPLOAD_SCANNER = env_str("CCHC_UPLOAD_SCANNER") or None
# The portal's public address (https://dichvucong.example.gov.vn), for the links printed on paper: the receipt's
# QR code of the tracking page. Empty: the address the request came to (fine unless served behind another name).
CCHC_PORTAL_URL = env_str("CCHC_PORTAL_URL").rstrip("/")
# Imports: the largest file (MB), the most data rows, and for an XLSX the most its ZIP members may hold once
# decompressed (MB), checked before the workbook is parsed.
CCHC_IMPORT_MAX_MB = env_int("CCHC_IMPORT_MAX_MB", 50)
CCHC_IMPORT_MAX_ROWS = env_int("CCHC_IMPORT_MAX_ROWS", 200_000)
CCHC_IMPORT_MAX_UNZIPPED_MB = env_int("CCHC_IMPORT_MAX_UNZIPPED_MB", 500)
# The portal's tracking look-up (/tra-cuu/): failed guesses of a code's secret or phone number allowed per client
# address and per dossier code within a window, then HTTP 429 (cchc/portal/ratelimit.py, docs/decisions/0014;
# implementation choices, not law). Counted in the shared cache (the database's, or CACHE_URL's Redis).
CCHC_TRACKING_GUESSES_PER_ADDRESS = env_int("CCHC_TRACKING_GUESSES_PER_ADDRESS", 20)
CCHC_TRACKING_ADDRESS_WINDOW_MINUTES = env_int("CCHC_TRACKING_ADDRESS_WINDOW_MINUTES", 15)
CCHC_TRACKING_GUESSES_PER_CODE = env_int("CCHC_TRACKING_GUESSES_PER_CODE", 10)
CCHC_TRACKING_CODE_WINDOW_MINUTES = env_int("CCHC_TRACKING_CODE_WINDOW_MINUTES", 60)
# The desk's evaluation tablet (/can-bo/kiosk/, Decree 61/2018 Art. 29 "electronic devices at the desk"): back
# to its first step after this many seconds without a touch, and this many after the thank-you (issue 8;
# implementation choices, not law).
CCHC_KIOSK_IDLE_SECONDS = env_int("CCHC_KIOSK_IDLE_SECONDS", 60)
CCHC_KIOSK_THANKS_SECONDS = env_int("CCHC_KIOSK_THANKS_SECONDS", 8)

# `cchc serve` (gunicorn, docs/decisions/0028): processes, threads in each, and the seconds a request may take (the
# report's PDF takes up to 180 s). Each thread holds one database connection: see DATABASES above.
CCHC_SERVE_WORKERS = env_int("CCHC_SERVE_WORKERS", 3)
CCHC_SERVE_THREADS = env_int("CCHC_SERVE_THREADS", 4)
CCHC_SERVE_TIMEOUT = env_int("CCHC_SERVE_TIMEOUT", 240)

# Log lines on stderr: one JSON object per line in production, readable lines in development (CCHC_LOG_FORMAT=json
# or text), each with the request id of the request it was written in (cchc/ops/logs.py); with DEBUG off one
# access line per request (logger cchc.request; CCHC_ACCESS_LOG=0 leaves it to the reverse proxy).
CCHC_LOG_FORMAT = env_str("CCHC_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cchc.ops.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "cchc.ops.logs.JsonFormatter"}, "text": {"()": "cchc.ops.logs.TextFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "text" if CCHC_LOG_FORMAT == "text" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Failed log-ins and lock-outs (django-axes logs them at WARNING; cchc.accounts adds the user name and address).
        "axes": {"level": "WARNING"},
        "cchc.security": {"level": "INFO"},
        "cchc.request": {"level": "INFO" if env_bool("CCHC_ACCESS_LOG", not DEBUG) else "WARNING"},
        # gunicorn's own lines (start, workers, errors) through the same handler; its access log is cchc.request's.
        "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
        "gunicorn.access": {"level": "WARNING", "handlers": ["console"], "propagate": False},
    },
}
