"""Settings for the Export Transformation Tracker.

One module, driven by environment variables. Local defaults run the site on an
embedded SQLite database under ``var/``; production sets ``DATABASE_URL``,
``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS`` and turns ``DJANGO_DEBUG`` off.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.file_storage import file_storages

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TRACKER_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG off the site refuses to start "
            "without a secret key: set DJANGO_SECRET_KEY to a long random string."
        )
    SECRET_KEY = "local-development-only-not-secret"

# ".localhost": localhost and its subdomains, such as the Qom demo site's qom.localhost.
ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", ".localhost", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "cms",
    "reports",
    "portfolio",
    "clusters",
    "zones",
    "directory",
    "fieldvisits",
    "tracker",
    "core",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "core.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.PublicLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tracker.middleware.RememberedAccessMiddleware",
    "tracker.middleware.CurrentProgramMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "config.security.SitePolicyMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# Database: embedded SQLite under var/ unless DATABASE_URL says otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60"))
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "tracker.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tracker",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Long work (reports, big imports, Wagtail's search and reference indexes) goes through
# the tasks API into a persistent queue in the database; `manage.py db_worker` runs it
# (`make run` starts one; in production run as many as needed, on any machine that
# reaches the database). The test suite uses the immediate backend.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "/admin/login/"
LOGIN_REDIRECT_URL = "/admin/"

# Internationalisation: Turkish first, English second, Persian (right to left) third.
LANGUAGE_CODE = "tr"
LANGUAGES = [("tr", _("Turkish")), ("en", _("English")), ("fa", _("Persian"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# Persian separators and grouping (config/formats/fa); other languages keep Django's.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Istanbul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# whitenoise warns about a missing root even in development, where finders serve files.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# Issued report files and uploaded imports are records that only views checking who asks
# may hand out, so on local disk they live outside MEDIA_ROOT.
REPORTS_ROOT = Path(os.environ.get("TRACKER_REPORTS_ROOT", VAR_DIR / "reports"))
IMPORTS_ROOT = Path(os.environ.get("TRACKER_IMPORTS_ROOT", VAR_DIR / "imports"))
# Local disk by default; TRACKER_FILE_STORAGE=s3 puts every kind of file on S3-compatible
# object storage shared by all nodes (config/file_storage.py lists the variables).
STORAGES = file_storages(
    os.environ, reports_root=REPORTS_ROOT, imports_root=IMPORTS_ROOT,
    static_backend=("django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG
                    else "whitenoise.storage.CompressedManifestStaticFilesStorage"))
# Readiness fails when the oldest waiting background task has waited longer than this.
HEALTH_TASK_QUEUE_MAX_AGE_SECONDS = int(os.environ.get("TRACKER_HEALTH_QUEUE_MAX_AGE", "600"))
# Wagtail documents stream through its view (which applies collection privacy) on every
# storage, rather than redirecting to the object storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Translated: the admin greets a Turkish reader in Turkish.
WAGTAIL_SITE_NAME = _("Export Transformation Tracker")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# No third-party avatar service: users' privacy, and offline field networks.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "pdf", "png", "jpg", "jpeg", "xlsx", "odt", "ods"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "tracker@localhost")

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Load balancers probe the health URLs over plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^health/"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

# One JSON line per log record (config/logs.py), so the logs of several nodes and workers
# join on request id, task id, user and programme; TRACKER_LOG_FORMAT=text for reading by eye.
LOG_FORMAT = os.environ.get("TRACKER_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.logs.JsonFormatter"},
                   "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# --- Accounts and headers: login throttling, CSP, Permissions-Policy, sessions -----------
import datetime  # noqa: E402
import ipaddress  # noqa: E402

from csp.constants import NONE, SELF  # noqa: E402

AUTHENTICATION_BACKENDS = [
    "config.security.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes: failures are counted in the database, so the lockout holds across web
# processes and machines. A user name is locked after AXES_FAILURE_LIMIT failures from
# anywhere, and an address after as many failures for any user names.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("DJANGO_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.security.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Behind DJANGO_PROXY_COUNT reverse proxies the visitor's address is the one the nearest
# proxy appended to X-Forwarded-For, believed only on connections from
# DJANGO_TRUSTED_PROXIES (addresses or networks); anything else is known by its socket
# address (core.proxies.client_address, used by the login lockout and rate limits).
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
TRUSTED_PROXY_NETWORKS = [
    ipaddress.ip_network(network, strict=False)
    for network in env_list("DJANGO_TRUSTED_PROXIES", ["127.0.0.1", "::1"])]
AXES_CLIENT_IP_CALLABLE = "core.proxies.client_address"

ADMIN_URL_PREFIX = "/admin/"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Inline style attributes position the timeline and progress bars.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
# Field agents may take photos and share their position on a visit; nothing else.
PERMISSIONS_POLICY = ("accelerometer=(), camera=(self), geolocation=(self), gyroscope=(), "
                      "magnetometer=(), microphone=(), payment=(), usb=()")
# Wagtail's preview, the one page shown in a frame, opts in to SAMEORIGIN by itself.
X_FRAME_OPTIONS = "DENY"

# Outgoing mail (password resets, reminders) through SMTP when the backend says so.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)

LOGGING["loggers"] = {
    "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    "tracker.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
    # Django's own "django" logger prints to the console and also hands each record on to
    # the root's console handler above, so runserver said "Watching for file changes" twice.
    "django.utils.autoreload": {"handlers": ["console"], "level": "INFO", "propagate": False},
    # One line per request and per background task.
    "tracker.requests": {"handlers": ["console"], "level": "INFO", "propagate": False},
    "tracker.tasks": {"handlers": ["console"], "level": "INFO", "propagate": False},
    "django_tasks": {"handlers": ["console"], "level": "WARNING", "propagate": False},
}

# Public site (cms): routable pages (action pages, CSV downloads), the sitemap, and the
# lifetime of cached public pages for anonymous readers (see cms/cache.py).
INSTALLED_APPS += ["wagtail.contrib.routable_page", "wagtail.contrib.sitemaps",
                   "django.contrib.sitemaps"]
CMS_PAGE_CACHE_SECONDS = int(os.environ.get("CMS_PAGE_CACHE_SECONDS", "300"))
# The public open-data API (``cms.api``): requests a client may make, and how many
# proxies stand in front of the site (0: the client is REMOTE_ADDR; n: the n-th address
# from the right of X-Forwarded-For, which those proxies set).
PUBLIC_API_RATE = os.environ.get("PUBLIC_API_RATE", "60/m")
NINJA_NUM_PROXIES = int(os.environ.get("NINJA_NUM_PROXIES", "0"))

# --- Field app offline and limits ---
# The phone keeps the agent's own visits due within these many days (at most this many).
FIELD_OFFLINE_DAYS = int(os.environ.get("FIELD_OFFLINE_DAYS", "14"))
FIELD_OFFLINE_MAX = int(os.environ.get("FIELD_OFFLINE_MAX", "60"))
# A questionnaire of ~80 answers with long texts fits easily; larger bodies get a 400.
FIELD_JSON_MAX_BYTES = int(os.environ.get("FIELD_JSON_MAX_BYTES", str(1024 * 1024)))
# Seals each agent's outbox on a shared phone (fieldvisits.offline_views.store_key). Changing
# it makes sealed items on phones unreadable: rotate only with empty outboxes.
FIELD_STORE_KEY_SECRET = os.environ.get("FIELD_STORE_KEY_SECRET", SECRET_KEY)
# A field session ends after this long without a request: a working day plus margin, so an
# agent logs in once in the morning, and a phone left overnight is logged out.
FIELD_SESSION_IDLE_SECONDS = int(os.environ.get("FIELD_SESSION_IDLE_SECONDS", str(10 * 3600)))
# Processes that draw the per-firm feedback PDFs of a bundle side by side; 1 draws them in
# the worker itself, which measured fastest on a busy two-core machine (bench.reports_bench).
REPORTS_BUNDLE_PROCESSES = int(os.environ.get("TRACKER_REPORTS_BUNDLE_PROCESSES", "1"))
# A report "running" with no progress for this long is released as failed: its worker died.
# (TRACKER_REPORTS_STALE_SECONDS, when set, wins: the two-node bench kills a worker and
# waits seconds, not half an hour.)
REPORTS_STALE_AFTER = datetime.timedelta(seconds=int(
    os.environ.get("TRACKER_REPORTS_STALE_SECONDS")
    or 60 * int(os.environ.get("TRACKER_REPORTS_STALE_MINUTES", "30"))))
# Anonymous readers of a cached public page are answered before URL resolving, inside the
# middleware that sets the security headers (CSP, Permissions-Policy, X-Frame-Options), so a
# cached answer carries them as a rendered one does.
MIDDLEWARE.insert(MIDDLEWARE.index("config.security.SitePolicyMiddleware") + 1,
                  "cms.cache.PublicPageCacheMiddleware")
