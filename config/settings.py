"""Marquee's one settings module, driven by the environment.

Local defaults need nothing installed: SQLite in the project folder and the
local-memory cache. Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL (PostgreSQL) and, optionally, REDIS_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers as default_cors_headers
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean; anything but the usual spellings is a mistake, not False."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {raw!r}")
    return value


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from None


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-never-used-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The address readers see, for canonical URLs, sitemaps and feeds when no request is at hand.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "Marquee"

INSTALLED_APPS = [
    "config.apps.MarqueeAdminConfig",  # django.contrib.admin, branded, with a dashboard
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "reversion",
    "axes",
    "corsheaders",
    "imagekit",
    "core",
    "people",
    "authors",
    "films",
    "reviews",
    "lists",
    "search",
    "sitewide",
    "api",
]

MIDDLEWARE = [
    "core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside everything that writes a body: the API's answers gzipped (not HTML: BREACH).
    "api.middleware.CompressAPIMiddleware",
    # Cross-origin reads of the API, from API_CORS_ORIGINS; before anything that answers.
    "corsheaders.middleware.CorsMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL in the path or query string: 400 before anything reads it.
    "core.middleware.RejectNulMiddleware",
    "core.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # An API path without its trailing slash: 308, so the method and body are kept.
    "api.middleware.AppendSlashMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "api.throttles.RateLimitHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a login locked out by django-axes into a 429 page (templates/admin/locked_out.html);
    # last, as axes asks, so the page gets every header the middleware above adds.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

# Security. Production (DEBUG off) is strict by default; a deployment behind a TLS-terminating
# proxy sets SECURE_PROXY_SSL_HEADER_NAME (e.g. HTTP_X_FORWARDED_PROTO) so Django knows.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if proxy_header := os.environ.get("SECURE_PROXY_SSL_HEADER_NAME"):
    SECURE_PROXY_SSL_HEADER = (proxy_header, "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No inline script at all; JSON-LD is a data block, which browsers never run. The admin's
# widgets set style attributes, so styles allow inline.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# The public pages are Jinja2 (config/jinja2.py): every template in templates/ but the admin's.
# Their cards and lists rendered in under half Django's time (commit message); the admin stays
# on Django's engine, and so do the templates of the apps it ships with.
TEMPLATES = [
    {
        "BACKEND": "django_jinja.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "match_extension": None,
            "match_regex": r"^(?!admin/)",
            "environment": "config.jinja2.environment",
            "undefined": "jinja2.ChainableUndefined",  # "" for a missing value, as Django's
            "context_processors": [
                "django.template.context_processors.request",
                "core.context_processors.site",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Served (DEBUG off), each gunicorn worker keeps its connection for a minute instead
        # of opening one per request (on PostgreSQL, a new server process each time). Not
        # under runserver, which starts a thread per request and would only pile them up.
        conn_max_age=env_int("CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers carry on while the admin writes; IMMEDIATE avoids
            # "database is locked" when two writers upgrade their locks at once.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
else:
    # PostgreSQL's JIT compiles big plans for seconds saved in hours: off, as for most web
    # sites (measured in docs/performance.md). options=… in DATABASE_URL still wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

# How long page fragments stay cached; saves retire them at once (core/pagecache.py).
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 60 * 60)
# Whole pages for anonymous readers (core/pagecache.py): saves retire them at once; the
# lifetime bounds what no save announces (a scheduled review going live).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
# How long the film and people lists' counts are reused within a catalogue version, which a
# save changes (core/pagination.py); it bounds what no save announces. 0 counts every page.
LIST_COUNT_SECONDS = env_int("LIST_COUNT_SECONDS", 60)

REDIS_URL = os.environ.get("REDIS_URL", "")
# After a Redis call fails, the cache misses at once for this long (core/rediscache.py).
CACHE_RETRY_SECONDS = env_float("CACHE_RETRY_SECONDS", 5)
if REDIS_URL:
    # A cache, not a dependency: with Redis down or hung, reads miss and writes are dropped
    # after a few hundred milliseconds, and pages come from the database.
    CACHES = {
        "default": {
            "BACKEND": "core.rediscache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "marquee",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": env_float("REDIS_CONNECT_TIMEOUT", 0.25),
                "SOCKET_TIMEOUT": env_float("REDIS_TIMEOUT", 0.25),
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "marquee.cache"
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    # Served without Redis (gunicorn's workers share no memory): a save in one worker must
    # reach the copies the others keep, so the cache lives in files they all read.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The largest request body read, files aside: Django's default (2.5 MB), stated because the
# API's parser enforces it too (api/parsers.py), answering 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LOGIN_URL = "admin:login"

# How many proxies sit in front and append to X-Forwarded-For. With 0 the header is ignored
# (anyone can send it); with n, the n-th address from its right is the client. Throttles and
# login lockouts key on that address (api.throttles.client_address).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)

# Login protection (django-axes) for the admin and the API's token endpoint: after
# LOGIN_FAILURE_LIMIT failures a username is locked out from that address for
# LOGIN_LOCKOUT_MINUTES, even with the right password. Unlock: the admin's "Access attempts",
# or manage.py axes_reset_username / axes_reset_ip_username / axes_reset (everyone).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "api.throttles.client_address"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Failure log lines name the username, address and path (never the password), nothing more.
AXES_SENSITIVE_PARAMETERS = []
AXES_VERBOSE = False

# Serves /bench/ceiling/, the constant response `make bench` measures pages against.
BENCHMARK_CEILING = env_bool("BENCHMARK_CEILING", False)

# The API under /api/v1/ (the api app). Throttling counts requests in the default cache;
# a rate of "none" turns that throttle off. api/checks.py refuses rates DRF cannot parse.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous write then gets 401 with "WWW-Authenticate: Token".
        # Ours also takes "Bearer <key>" and throttles bad tokens like anonymous requests.
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ReadOrModelPermissions"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # DRF's JSON parser within limits: body size, nesting depth, no NUL (api/parsers.py).
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["api.filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttles.AnonThrottle", "api.throttles.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "60/minute"),
        "user": os.environ.get("API_THROTTLE_USER", "600/minute"),
    },
    # 0: the client is REMOTE_ADDR, whatever X-Forwarded-For says.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "COERCE_DECIMAL_TO_STRING": False,
}

# Other sites' pages that may call the API from the browser (django-cors-headers): a
# comma-separated list of origins, e.g. https://app.example.org. They may read; they may also
# write (with a token) only if API_CORS_WRITES is true. The site's own pages need none of this.
CORS_ALLOWED_ORIGINS = [
    origin.strip() for origin in os.environ.get("API_CORS_ORIGINS", "").split(",") if origin.strip()
]
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
if os.environ.get("API_CORS_WRITES", "").lower() == "true":
    CORS_ALLOW_METHODS += ["POST", "PUT", "PATCH", "DELETE"]
CORS_ALLOW_HEADERS = [*default_cors_headers, "if-match", "if-none-match"]
CORS_EXPOSE_HEADERS = [
    "ETag", "Location", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining",
]  # fmt: skip
CORS_PREFLIGHT_MAX_AGE = 86400

# How long a browser or CDN may keep an anonymous API answer before asking again (with its
# ETag, for a 304).
API_READ_MAX_AGE = int(os.environ.get("API_READ_MAX_AGE", 60))

# The API's change feed (api/feed.py): how long it keeps changes, and how long a change waits
# before it is listed (rows are written just after their transaction commits).
FEED_RETENTION_DAYS = int(os.environ.get("FEED_RETENTION_DAYS", 90))
FEED_SETTLE_SECONDS = float(os.environ.get("FEED_SETTLE_SECONDS", 5))

SPECTACULAR_SETTINGS = {
    "TITLE": "Marquee API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # 3.1: a nullable object is oneOf [its schema, null], which strict validators and client
    # generators read as meant; 3.0's allOf with nullable rejects null.
    "OAS_VERSION": "3.1.0",
    # Separate request and response components: a response's fields are all required
    # (api.schema.AutoSchema), a request's only where the server needs them.
    "COMPONENT_SPLIT_REQUEST": True,
    # Interactive docs from the sidecar package's static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "CreditRoleEnum": "films.models.CreditRole",
        "FilmColourEnum": "films.models.FilmColour",
        "RelationKindEnum": "films.models.RelationKind",
        "ReviewStatusEnum": "reviews.models.ReviewStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_errors",
    ],
}

# LOG_FORMAT=json: one JSON object per line (python-json-logger), with the request log's
# method, path, status and duration_ms as fields. Anything else: plain text.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "filters": {
        "once_a_minute": {"()": "core.logging.OncePerInterval", "seconds": 60},
        "cache_warning": {"()": "core.logging.CacheErrorAsWarning"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # The request log replaces Django's own per-request lines; a 404 or a 500 is still
        # told once, by django.request.
        "django.server": {"level": "ERROR"},
        "marquee.requests": {
            "level": os.environ.get("REQUEST_LOG_LEVEL", "INFO" if not DEBUG else "WARNING")
        },
        # Login failures and lockouts are warnings; axes's INFO lines are its bookkeeping.
        "axes": {"level": "WARNING"},
        # Redis down: django-redis logs every failed call; one short warning a minute instead.
        "marquee.cache": {"level": "WARNING", "filters": ["once_a_minute", "cache_warning"]},
        # A database outage: one line a minute from each, not one per request or health check.
        "core.outage": {"filters": ["once_a_minute"]},
        "core.health": {"filters": ["once_a_minute"]},
    },
}
