"""Settings of the federation portal: one module, read from the environment.

Every value a deployment may change comes from an environment variable (or a
`.env` file beside manage.py); README.md lists them. The defaults give a
working development site on SQLite.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the portal refuses to start with a "
            "default key: set SECRET_KEY to a long random string (see README.md)."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug-mode-never-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
ADMIN_URL = env.str("ADMIN_URL", default="quan-tri/").strip("/") + "/"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "django_prose_editor",
    "simple_history",
    "csp",
    "federation.apps.LoginLockoutConfig",
    "django_tasks",
    "federation.apps.TaskQueueConfig",
    "federation",
    "news",
    "members",
    "congress",
    "documents",
    "welfare",
    "about",
    "gallery",
    "qa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "federation.middleware.PermissionsPolicyMiddleware",
    "federation.middleware.PrivatePagesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "federation.middleware.PortalLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "federation.middleware.VisitorStatsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "federation.urls"
WSGI_APPLICATION = "federation.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "federation.context_processors.portal",
            ],
        },
    },
]

# Database: SQLite file in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let several threads or processes write counters at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The portal's queries are short; PostgreSQL's JIT compiler spent 50-250 ms compiling
    # plans it judged costly (bench/README.md) and never paid that back.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="cong-thong-tin@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Admin", address) for address in env.list("ADMINS", default=[])]
# A mail server that does not answer gives up after this many seconds (then the send is
# retried, federation/mail.py), instead of holding a worker forever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# Seconds to wait before each new attempt at a message the mail server refused or did not
# take: one attempt more than delays, then the message is marked failed for staff to see.
MAIL_RETRY_SECONDS = env.list("MAIL_RETRY_SECONDS", cast=int, default=[60, 300, 1800, 7200])

# Background work (Django's Tasks API through the django-tasks backport): every email and
# slow job is a task, enqueued after the transaction commits. "database" keeps the queue in
# the portal's own database (run `manage.py db_worker`); "rq" keeps it in Redis at TASKS_URL
# for several app servers (run `manage.py rqworker`); "immediate" runs each task at once in
# the process that enqueued it (tests, or a quick look without a worker).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database").lower()
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
if TASKS_BACKEND == "rq":
    TASKS_URL = env.str("TASKS_URL", default="")
    if not TASKS_URL:
        raise ImproperlyConfigured(
            "TASKS_BACKEND=rq needs TASKS_URL, the Redis the queue lives in, "
            "e.g. redis://queue.internal:6379/2."
        )
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": TASKS_URL, "DEFAULT_TIMEOUT": 600}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
# Officers land in their area; staff without a unit are sent on to the admin from there.
LOGIN_REDIRECT_URL = "members:home"
LOGOUT_REDIRECT_URL = "home"
# Offices share computers: a login lasts SESSION_HOURS at most and ends with the browser.
SESSION_COOKIE_AGE = env.int("SESSION_HOURS", default=8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# "Forgotten password" mails a link valid this long; one address may ask this often.
PASSWORD_RESET_TIMEOUT = 3 * 3600
PASSWORD_RESETS_PER_ADDRESS = env.int("PASSWORD_RESETS_PER_ADDRESS", default=5)
PASSWORD_RESET_WINDOW = timedelta(hours=1)

# Language and time: Vietnamese first, English as the second language.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# The project's catalogue (`make messages` writes it), then its Vietnamese for strings of
# Django and the libraries (kept by hand, see locale_overrides/README.md). Both come
# before the catalogues the libraries ship.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# Static files: hashed and compressed by whitenoise, nothing from a CDN.
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Files that only a view may serve, after checking who asks (document files, report
# attachments). Never expose this folder directly: the proxy maps it as internal only.
PROTECTED_MEDIA_ROOT = env.path("PROTECTED_MEDIA_ROOT", default=BASE_DIR / "protected")
# Attached files (document library, branch reports): recognised by content, this big at most.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=50 * 1024 * 1024)
# A member import waits this many seconds for its confirmation; then its file (every ID
# number and phone in it) is deleted, on the next attempt or by `purge_pending_imports`.
MEMBER_IMPORT_MAX_AGE = env.int("MEMBER_IMPORT_MAX_AGE", default=3600)
# A member export of a unit whose subtree holds more members than this is prepared by a
# task (the officer waits on a page, not on the request); smaller ones download at once.
EXPORT_IN_BACKGROUND_ABOVE = env.int("EXPORT_IN_BACKGROUND_ABOVE", default=2000)
# A prepared export (a file of personal data) may be downloaded for this many seconds; then
# its file is deleted by `purge_prepared_exports` and its link says it has expired.
PREPARED_EXPORT_MAX_AGE = env.int("PREPARED_EXPORT_MAX_AGE", default=24 * 3600)
# How the download view hands the bytes over once it has checked and counted:
# "" streams them itself; "x-accel-redirect" (nginx) or "x-sendfile" (Apache, lighttpd)
# lets the proxy send the file. With nginx, PROTECTED_MEDIA_ROOT is served at
# PROTECTED_MEDIA_URL by an `internal` location.
DOWNLOAD_HANDOFF = env.str("DOWNLOAD_HANDOFF", default="").lower()
if DOWNLOAD_HANDOFF not in ("", "x-accel-redirect", "x-sendfile"):
    raise ImproperlyConfigured(
        "DOWNLOAD_HANDOFF must be empty, 'x-accel-redirect' or 'x-sendfile', "
        f"not {DOWNLOAD_HANDOFF!r}."
    )
PROTECTED_MEDIA_URL = env.str("PROTECTED_MEDIA_URL", default="/protected/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security headers. HSTS and secure cookies switch on with DEBUG off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # The nonce appears only on responses that use it (the admin's editor import map).
        "script-src": [SELF, NONCE],
        # One inline style attribute is allowed by its hash, no other: simple-history's
        # change-history page writes style="border-top: 0" on its paginator.
        "style-src": [
            SELF,
            "'unsafe-hashes'",
            "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",
        ],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Pages with personal data: every answer under these is `Cache-Control: private, no-store`.
PRIVATE_PATH_PREFIXES = ["/co-so/", "/tai-khoan/"]

# Reverse proxies in front of the app servers: how many append to X-Forwarded-For.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Failed logins lock one username on one address for a while (federation/lockout.py), so
# an attacker can lock neither an officer out everywhere nor a whole office behind one
# address; an address failing for many usernames is locked on a higher limit of its own.
LOGIN_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=30)
AXES_FAILURE_LIMIT = "federation.lockout.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "federation.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "federation.net.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# News: upload limits and reader comments.
NEWS_IMAGE_MAX_BYTES = env.int("NEWS_IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
NEWS_COMMENT_MAX_LENGTH = 3000
NEWS_COMMENTS_PER_ADDRESS = env.int("NEWS_COMMENTS_PER_ADDRESS", default=3)
NEWS_COMMENT_WINDOW = timedelta(minutes=env.int("NEWS_COMMENT_WINDOW_MINUTES", default=10))
# Ratings: one vote per reader and article; an address may send this many an hour.
NEWS_RATINGS_PER_ADDRESS = env.int("NEWS_RATINGS_PER_ADDRESS", default=30)
NEWS_RATING_WINDOW = timedelta(hours=1)
# The photo and video library: largest photo (each of a bulk upload), video file, captions.
GALLERY_IMAGE_MAX_BYTES = env.int("GALLERY_IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
VIDEO_MAX_BYTES = env.int("VIDEO_MAX_BYTES", default=200 * 1024 * 1024)
# How long a visit lasts for counting views of an article or a document once.
VISIT_LENGTH = timedelta(minutes=30)

# The contact form (/lien-he/): who hears of a new message (empty: the system
# administrators with an email address), how often one address may send, what a message
# may hold (characters, web addresses).
CONTACT_NOTIFY_EMAILS = env.list("CONTACT_NOTIFY_EMAILS", default=[])
CONTACT_MESSAGES_PER_ADDRESS = env.int("CONTACT_MESSAGES_PER_ADDRESS", default=3)
CONTACT_WINDOW = timedelta(hours=1)
CONTACT_MESSAGE_MAX_LENGTH = 3000
CONTACT_MAX_LINKS = 2

# Legal questions (/hoi-dap/gui-cau-hoi/): who hears of a new question (empty: the legal
# advisers with an email address, else the system administrators), how often one address
# may ask, what a question may hold; ratings "useful / not useful" an address may send.
QA_NOTIFY_EMAILS = env.list("QA_NOTIFY_EMAILS", default=[])
QA_QUESTIONS_PER_ADDRESS = env.int("QA_QUESTIONS_PER_ADDRESS", default=3)
QA_WINDOW = timedelta(hours=1)
QA_QUESTION_MAX_LENGTH = 3000
QA_MAX_LINKS = 2
QA_RATINGS_PER_ADDRESS = env.int("QA_RATINGS_PER_ADDRESS", default=30)
QA_RATING_WINDOW = timedelta(hours=1)

# Visitor statistics: how long a visitor counts as "online now".
VISITOR_ONLINE_WINDOW = timedelta(minutes=5)
VISITOR_STATS_CACHE_SECONDS = env.int("VISITOR_STATS_CACHE_SECONDS", default=30)
# Page views are added up in each app process and written at most this often (one
# upsert per visitor and day); 0 writes every view at once (federation/services.py).
PAGE_VIEW_WRITE_SECONDS = env.float("PAGE_VIEW_WRITE_SECONDS", default=2.0)
# Public pages rendered for anonymous visitors are reused this long (federation/pagecache.py).
# With several app servers, CACHE_URL must be shared so staff edits show everywhere at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=20)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
    },
}
