"""Pressroom settings: the only settings module, read from the environment.

A `.env` file beside manage.py is read first if present; real environment
variables win over it. See the configuration table in the README.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent

load_dotenv(BASE_DIR / ".env", override=False)


def env_bool(name: str, *, default: bool) -> bool:
    """Return the environment variable as a boolean ("1", "true", "yes", "on")."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, *, default: int) -> int:
    """Return the environment variable as an integer, refusing garbage loudly."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"{name} must be an integer, not {raw!r}."
        ) from error


def env_list(name: str, *, default: list[str]) -> list[str]:
    """Return a comma-separated environment variable as a list of stripped items."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# --- Core -----------------------------------------------------------------

DEBUG = env_bool("DEBUG", default=False)

# Only ever used with DEBUG on: production refuses to start without a real key.
DEV_ONLY_SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"
SECRET_KEY = os.environ.get("SECRET_KEY") or (DEV_ONLY_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY is required unless DEBUG=1.")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before the admin, so that its side-by-side fields reach the admin forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "core",
    "announcements",
    "indicators",
    # After indicators: its admin extends the text and speaker admin pages.
    "media",
    "notices",
]

MIDDLEWARE = [
    "core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside sessions and locale: an anonymous read (no session cookie) is
    # the same for everyone and its language is in its URL, so this removes
    # the `Vary: Cookie` and `Vary: Accept-Language` those add, and a cached
    # one is answered before they run.
    "core.cache.SharedCacheMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that a locked-out login is answered after authentication ran.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"

CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.template.context_processors.i18n",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "config.context_processors.site",
]
TEMPLATES = [
    {
        # The public pages (templates/pages/): compiled templates, several
        # times faster to render than Django's language, which the admin and
        # the error pages keep (the rest of templates/). The benchmark's own
        # page frame sits in bench/templates/, found only by name.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "pages", BASE_DIR / "bench" / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "core.templating.environment",
            # The indicators app's helpers: its own pages', and what the
            # announcement and topic pages show of figures and actions (the
            # announcements app never imports indicators).
            "app_globals": {
                # The announcements app's: a cited text in the reader's language.
                "reader_versions": "announcements.querysets.reader_versions",
                "figures_of": "indicators.selectors.figures_of",
                "actions_of": "indicators.selectors.actions_of",
                "topic_indicators": "indicators.selectors.topic_indicators",
                "indicators_named": "indicators.selectors.indicators_named",
                "topic_actions": "indicators.selectors.topic_actions",
                "observation_value": "indicators.presentation.observation_value",
                "ordinal_label": "indicators.presentation.ordinal_label",
                "sparkline": "indicators.presentation.sparkline",
                "line_chart": "indicators.presentation.line_chart",
                "marked_body": "indicators.presentation.marked_body",
                # The media app's: images, portraits and attachments.
                "lead_image_of": "media.helpers.lead_image_of",
                "portrait_of": "media.helpers.portrait_of",
                "portraits_of": "media.helpers.portraits_of",
                "attachments_of": "media.helpers.attachments_of",
                "picture": "media.helpers.picture",
                "images_in": "media.helpers.images_in",
            },
            "context_processors": CONTEXT_PROCESSORS,
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        # APP_DIRS stays off because "loaders" is set: the cached loader is
        # what production uses, and DEBUG turns caching off for development.
        "OPTIONS": {
            "context_processors": CONTEXT_PROCESSORS,
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ]
            if not DEBUG
            else [
                "django.template.loaders.filesystem.Loader",
                "django.template.loaders.app_directories.Loader",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", default=600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE transactions and a
    # busy timeout make concurrent writers queue instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA foreign_keys=ON;"
            # SQLite's own page cache, per connection (2 MB by default): a
            # search reads thousands of rows across a large archive, and pages
            # not held here are read again from the operating system.
            f"PRAGMA cache_size=-{env_int('SQLITE_CACHE_MB', default=32) * 1024};"
        ),
    }
else:
    # Select boxes iterate their choices with .iterator(), which on PostgreSQL
    # opens a server-side cursor: three round trips (and a materialised
    # result, outside a transaction) for twenty topics. Every iterated result
    # here is small (a select box, one indicator's series for CSV).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    # No prepared statements (Django's default, kept on purpose): measured
    # with psycopg preparing repeated queries, pages ran 5-15% faster, but
    # PostgreSQL's generic plan for the returning-commenter check scanned
    # every comment (56 ms instead of 0.3 ms), and a search's best plan
    # depends on its words. A plan made for each query's own values is safer.

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------

CACHE_URL = os.environ.get("CACHE_URL", "").strip()
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            # Django's Redis cache, failing fast and falling back to a cache
            # inside the process while Redis is unreachable (core/cache_backends.py).
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": CACHE_URL,
            # Sites sharing one Redis (staging beside production) need their own.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "pressroom"),
            "OPTIONS": {
                "socket_connect_timeout": env_int(
                    "CACHE_CONNECT_TIMEOUT_MS", default=200
                )
                / 1000,
                "socket_timeout": env_int("CACHE_TIMEOUT_MS", default=200) / 1000,
                "RETRY_SECONDS": env_int("CACHE_RETRY_SECONDS", default=5),
            },
        }
    }
elif CACHE_URL.startswith("dummy://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
elif CACHE_URL == "" or CACHE_URL.startswith("locmem://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pressroom",
        }
    }
else:
    raise ImproperlyConfigured(
        "CACHE_URL must start with redis://, rediss://, locmem:// or dummy://."
    )

# Anonymous pages and API reads are kept in the app's cache for this long at
# most; a change to what they show makes them stale at once anyway (see
# core/cache.py). 0 turns the app's page cache off (the headers stay).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", default=600)
# Where worker processes share the versions of cache keys when the cache is
# process-local (locmem); with Redis the versions live in Redis.
CACHE_VERSIONS_DIR = os.environ.get(
    "CACHE_VERSIONS_DIR", str(BASE_DIR / ".cache-versions")
)
# Cache-Control of anonymous reads: browsers keep a page this long without
# asking (they cannot be purged)...
CACHE_MAX_AGE = env_int("CACHE_MAX_AGE", default=60)
# ...shared caches (Varnish, a CDN) this long, purged by surrogate key on
# every change; it bounds how long a purge that never arrived can mislead.
CACHE_S_MAXAGE = env_int("CACHE_S_MAXAGE", default=3600)
# Shared caches to purge (core/purge.py): varnish://host:port or
# cdn+https://host/service/<id>, comma-separated; none by default.
PURGE_URLS = env_list("PURGE_URLS", default=[])
PURGE_CDN_TOKEN = os.environ.get("PURGE_CDN_TOKEN", "")
PURGE_TIMEOUT_SECONDS = env_int("PURGE_TIMEOUT_SECONDS", default=2)
# The first try happens in the writing request, so the next read is fresh;
# this bounds what a slow target adds to a write (0: always in background).
PURGE_INLINE_TIMEOUT_MS = env_int("PURGE_INLINE_TIMEOUT_MS", default=300)
PURGE_RETRIES = env_int("PURGE_RETRIES", default=5)
PURGE_BACKOFF_SECONDS = float(os.environ.get("PURGE_BACKOFF_SECONDS", "1") or 1)

# gunicorn's worker processes (gunicorn.conf.py reads the same variable with
# the same default): while Redis is away, each allows this share of a rate.
WEB_CONCURRENCY = env_int(
    "WEB_CONCURRENCY", default=min(2 * (os.cpu_count() or 1) + 1, 12)
)

# --- Authentication ---------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", default=30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The same client address the comment rate limit uses: X-Forwarded-For is
# believed only behind TRUSTED_PROXY_COUNT proxies, so it cannot be forged.
AXES_CLIENT_IP_CALLABLE = "core.clients.client_ip"
AXES_LOCKOUT_CALLABLE = "core.middleware.admin_lockout_response"

# --- Internationalisation ----------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "core" / "locale"]
# Names and descriptions in both languages (issue 21): django-modeltranslation
# adds `name_en` and `name_zh_hans` beside each registered field. A value
# missing in the reader's language falls back to the other one; the pages mark
# it with its own `lang` (core.i18n.tr).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "zh-hans")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "zh-hans")}
MODELTRANSLATION_AUTO_POPULATE = False
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Hashed, compressed names need `collectstatic`; development and the unit
# tests serve the source files as they are.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 365 * 24 * 60 * 60

# --- Security ---------------------------------------------------------------

SECURE_HTTPS = env_bool("SECURE_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = SECURE_HTTPS and env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = (
    env_int("SECURE_HSTS_SECONDS", default=31536000) if SECURE_HTTPS else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = SECURE_HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"


def add_static_security_headers(headers, path, url):
    """Give whitenoise's static files the headers Django's middleware adds.

    Whitenoise answers before the clickjacking and CSP middleware run.
    """
    headers["X-Frame-Options"] = "DENY"
    headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"


WHITENOISE_ADD_HEADERS_FUNCTION = add_static_security_headers

# Behind this many trusted proxies the client IP is read from X-Forwarded-For;
# with 0 the header is ignored, so a client cannot forge its own address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", default=0)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int(
    "DATA_UPLOAD_MAX_MEMORY_SIZE", default=6 * 1024 * 1024
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Media (uploaded images and attachments) --------------------------------

# Files go through Django's default storage: the file system under MEDIA_ROOT
# (served by the app at MEDIA_URL with safe headers), or S3-compatible object
# storage through django-storages when MEDIA_STORAGE=s3, so that several app
# nodes share one store.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "mediafiles")
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem").strip().lower()
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "media.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("MEDIA_S3_BUCKET", ""),
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "access_key": os.environ.get("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            # Public URLs (a CDN or the bucket's website) when set; signed,
            # expiring URLs otherwise.
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": not os.environ.get("MEDIA_S3_CUSTOM_DOMAIN"),
            "file_overwrite": True,
            "default_acl": None,
        },
    }
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured("MEDIA_STORAGE must be filesystem or s3.")
# The object store must fail fast: an upload to a dead store answers within
# a few seconds (connect, read, attempts including the first), and the
# readiness probe gives it one try of MEDIA_STORAGE_PROBE_TIMEOUT seconds.
MEDIA_S3_CONNECT_TIMEOUT = env_int("MEDIA_S3_CONNECT_TIMEOUT", default=2)
MEDIA_S3_READ_TIMEOUT = env_int("MEDIA_S3_READ_TIMEOUT", default=5)
MEDIA_S3_MAX_ATTEMPTS = env_int("MEDIA_S3_MAX_ATTEMPTS", default=2)
MEDIA_STORAGE_PROBE_TIMEOUT = env_int("MEDIA_STORAGE_PROBE_TIMEOUT", default=1)
# The app serves MEDIA_ROOT itself (nosniff, true types, downloads for
# documents); turn off when the proxy serves it (see README).
MEDIA_SERVE = env_bool("MEDIA_SERVE", default=MEDIA_STORAGE == "filesystem")
MEDIA_IMAGE_MAX_BYTES = env_int("MEDIA_IMAGE_MAX_MB", default=10) * 1024 * 1024
MEDIA_IMAGE_MAX_PIXELS = env_int("MEDIA_IMAGE_MAX_PIXELS", default=40_000_000)
MEDIA_ATTACHMENT_MAX_BYTES = (
    env_int("MEDIA_ATTACHMENT_MAX_MB", default=25) * 1024 * 1024
)
MEDIA_ZIP_MAX_UNPACKED_BYTES = (
    env_int("MEDIA_ZIP_MAX_UNPACKED_MB", default=200) * 1024 * 1024
)
MEDIA_RENDITION_WIDTHS = [
    int(width)
    for width in env_list(
        "MEDIA_RENDITION_WIDTHS", default=["320", "640", "1024", "1600"]
    )
]
if MEDIA_STORAGE == "s3":
    # Pages and the admin show images from the object store (or its CDN).
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(
        "https://" + os.environ["MEDIA_S3_CUSTOM_DOMAIN"]
        if os.environ.get("MEDIA_S3_CUSTOM_DOMAIN")
        else os.environ.get("MEDIA_S3_ENDPOINT_URL") or "https://*.amazonaws.com"
    )

# --- Comments ---------------------------------------------------------------

COMMENT_MAX_LENGTH = env_int("COMMENT_MAX_LENGTH", default=5000)
COMMENT_MAX_LINKS = env_int("COMMENT_MAX_LINKS", default=2)
COMMENT_MIN_SECONDS = env_int("COMMENT_MIN_SECONDS", default=3)
COMMENT_MAX_AGE_SECONDS = env_int("COMMENT_MAX_AGE_SECONDS", default=2 * 24 * 60 * 60)
COMMENT_DISALLOWED_WORDS = env_list(
    "COMMENT_DISALLOWED_WORDS", default=["viagra", "casino", "payday loan"]
)
COMMENT_RATE_LIMIT = env_int("COMMENT_RATE_LIMIT", default=5)
COMMENT_RATE_WINDOW_SECONDS = env_int("COMMENT_RATE_WINDOW_SECONDS", default=600)
COMMENT_RATE_LIMIT_ENABLED = env_bool("COMMENT_RATE_LIMIT_ENABLED", default=True)

# --- API --------------------------------------------------------------------

API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", default=100)
API_ANON_RATE = os.environ.get("API_ANON_RATE", "600/minute")
API_COMMENT_RATE = os.environ.get("API_COMMENT_RATE", "10/minute")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE, "comments": API_COMMENT_RATE},
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Pressroom API",
    "DESCRIPTION": (
        "Press-conference texts, the figures officials cite and the policy "
        "actions they commit to. Public reads need no key; editors write with "
        "a token."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Fields of the same name with different choices ("status", "kind",
    # "frequency") get an enum named after their model.
    "ENUM_NAME_OVERRIDES": {
        "AnnouncementStatusEnum": "announcements.models.Announcement.Status",
        "CommentStatusEnum": "announcements.models.Comment.Status",
        "PolicyActionStatusEnum": "indicators.models.PolicyAction.Status",
        "AnnouncementKindEnum": "announcements.models.Announcement.Kind",
        "AttachmentKindEnum": "media.models.Attachment.Kind",
        "SubscriptionKindEnum": "notices.models.Subscription.Kind",
        "IndicatorFrequencyEnum": "indicators.models.Indicator.Frequency",
        "SubscriptionFrequencyEnum": "notices.models.Subscription.Frequency",
        "ModerationDecisionEnum": "announcements.api.serializers.MODERATION_DECISIONS",
    },
}

# --- Logging ----------------------------------------------------------------

# One JSON object per line in production (python-json-logger), with the
# request id of the request that logged it; plain lines in development.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logs.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
        },
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT if LOG_FORMAT in {"json", "text"} else "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Bots send bad Host headers all day; one line each is plenty.
        "django.security.DisallowedHost": {"handlers": ["console"], "level": "ERROR"},
    },
}

# --- Tasks and mail ---------------------------------------------------------

# The task queue (django-tasks, the backport of Django 6's django.tasks):
# - "database" keeps tasks in this site's own database, so a worker on any
#   node (`manage.py run_worker`) takes them; PostgreSQL's row locks let
#   several workers share one queue. Nothing more to run: the default.
# - "rq" keeps them in Redis (RQ, through django-tasks-rq): for several
#   nodes, whose workers then wait on Redis instead of polling the database.
#   `manage.py run_worker` runs an RQ worker then. The Redis is
#   TASKS_REDIS_URL, or the cache's (CACHE_URL); a database number of its
#   own (redis://host:6379/1) keeps the queue apart from the cache.
# - "immediate" runs each task in the process that enqueued it (tests,
#   one-off scripts).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database").strip()
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "rq": "django_tasks_rq.RQBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }.get(TASKS_BACKEND, TASKS_BACKEND)
    }
}
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    TASKS_REDIS_URL = os.environ.get("TASKS_REDIS_URL", "").strip() or (
        CACHE_URL if CACHE_URL.startswith(("redis://", "rediss://")) else ""
    )
    if not TASKS_REDIS_URL.startswith(("redis://", "rediss://")):
        raise ImproperlyConfigured(
            "TASKS_BACKEND=rq needs a Redis: set TASKS_REDIS_URL (or CACHE_URL) "
            "to redis://host:6379/1."
        )
    if "socket_connect_timeout" not in TASKS_REDIS_URL:
        # A request that enqueues (mail, a purge to retry) must not hang on
        # an unreachable Redis; a worker waiting for work has no read timeout.
        TASKS_REDIS_URL += "&" if "?" in TASKS_REDIS_URL else "?"
        TASKS_REDIS_URL += "socket_connect_timeout=1"
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    # One queue, as with the database backend: every task goes to "default".
    # A task running longer than DEFAULT_TIMEOUT seconds is stopped; a mail
    # batch is far shorter, and what a stopped task left is finished by the
    # next (see notices/tasks.py).
    RQ_QUEUES = {"default": {"URL": TASKS_REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    TASKS["default"]["QUEUES"] = list(RQ_QUEUES)


def parse_email_url(url: str) -> dict:
    """Return Django's EMAIL_* settings for an EMAIL_URL.

    console://, memory:// (tests), dummy://, file:///path, and
    smtp://user:pass@host:port with smtp+tls:// (STARTTLS, port 587 by
    default) and smtp+ssl:// (implicit TLS, 465); user and password are
    percent-decoded.
    """
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    simple = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "memory": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
    }
    if parts.scheme in simple:
        return {"EMAIL_BACKEND": simple[parts.scheme], "EMAIL_FILE_PATH": parts.path}
    ports = {"smtp": 25, "smtp+tls": 587, "smtp+ssl": 465}
    if parts.scheme not in ports or not parts.hostname:
        raise ImproperlyConfigured(
            "EMAIL_URL must be console://, memory://, dummy://, file:///path or "
            "smtp[+tls|+ssl]://user:pass@host:port."
        )
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or ports[parts.scheme],
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": parts.scheme == "smtp+tls",
        "EMAIL_USE_SSL": parts.scheme == "smtp+ssl",
    }


# console:// prints mail to the worker's output; production names its relay.
EMAIL_URL = os.environ.get("EMAIL_URL", "").strip() or "console://"
_EMAIL = parse_email_url(EMAIL_URL)
EMAIL_BACKEND = _EMAIL["EMAIL_BACKEND"]
EMAIL_FILE_PATH = _EMAIL.get("EMAIL_FILE_PATH", "")
EMAIL_HOST = _EMAIL.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _EMAIL.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _EMAIL.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _EMAIL.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _EMAIL.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _EMAIL.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT_SECONDS", default=10)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Pressroom <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Absolute links in mail (there is no request to build them from).
SITE_URL = os.environ.get(
    "SITE_URL", "http://127.0.0.1:8000" if DEBUG else "http://localhost"
).rstrip("/")
# Sending: mails per batch and SMTP connection, tries before giving up, the
# first retry's delay (doubling each time, at most an hour), and how long a
# worker's claim on a batch lasts before another worker may take it over.
MAIL_BATCH_SIZE = env_int("MAIL_BATCH_SIZE", default=100)
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", default=8)
MAIL_RETRY_SECONDS = env_int("MAIL_RETRY_SECONDS", default=30)
MAIL_CLAIM_SECONDS = env_int("MAIL_CLAIM_SECONDS", default=300)
# The worker's clock: scheduled texts going live, retries, digests, expiry.
NOTICES_TICK_SECONDS = env_int("NOTICES_TICK_SECONDS", default=30)
# Subscriptions: confirmation links last this long, and an unconfirmed one
# is deleted after it; one confirmation mail per address and window.
SUBSCRIPTION_CONFIRM_HOURS = env_int("SUBSCRIPTION_CONFIRM_HOURS", default=48)
SUBSCRIPTION_RATE_LIMIT = env_int("SUBSCRIPTION_RATE_LIMIT", default=5)
SUBSCRIPTION_RATE_WINDOW_SECONDS = env_int(
    "SUBSCRIPTION_RATE_WINDOW_SECONDS", default=3600
)
# Moderators' and Editors' digest of held comments, at most this often.
MODERATION_DIGEST_MINUTES = env_int("MODERATION_DIGEST_MINUTES", default=60)

# --- Bench ------------------------------------------------------------------

BENCH_VIEWS = env_bool("BENCH_VIEWS", default=False)

# --- The editors' desk ----------------------------------------------------------

# A second editor reviews a text before it is published or scheduled
# (announcements.review). On in development, so `make run`'s demo has it.
REQUIRE_SECOND_EDITOR = env_bool("REQUIRE_SECOND_EDITOR", default=DEBUG)
