"""Settings read from the environment, as an operator deploys them.

Start-up behaviour is tested in fresh processes with a controlled environment: the
test process has already imported its settings and cannot show what a new one does.
"""

import json
import os
import secrets
import socket
import string
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# What a subprocess inherits; everything the portal reads is left out unless a test sets it.
PASSTHROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")

needs_no_dotenv = pytest.mark.skipif(
    (PROJECT_ROOT / ".env").exists(),
    reason="a .env file beside manage.py supplies settings, so defaults cannot be observed",
)


def random_secret_key(length: int = 60) -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(length))


def controlled_env(**variables: str) -> dict[str, str]:
    env = {name: os.environ[name] for name in PASSTHROUGH if name in os.environ}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(variables)
    return env


def run_manage(*args: str, **variables: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=controlled_env(**variables),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def settings_in_new_process(code: str, **variables: str):
    """Run `code` after django.setup() in a fresh process; it prints one JSON value."""
    script = "import json, django\ndjango.setup()\n" + code
    variables.setdefault("DJANGO_SETTINGS_MODULE", "federation.settings")
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        env=controlled_env(**variables),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def production_env(**variables: str) -> dict[str, str]:
    return {
        "DEBUG": "false",
        "SECRET_KEY": random_secret_key(),
        "ALLOWED_HOSTS": "congdoan.example.vn",
        **variables,
    }


class TestLanguageTimeAndDatabase:
    def test_vietnamese_language_and_vietnam_time(self):
        assert settings.LANGUAGE_CODE == "vi"
        assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
        assert settings.USE_TZ is True
        assert settings.USE_I18N is True

    def test_database_connections_are_persistent_and_health_checked(self):
        database = settings.DATABASES["default"]
        assert database["CONN_HEALTH_CHECKS"] is True
        assert database["CONN_MAX_AGE"] > 0


class TestStartUp:
    @needs_no_dotenv
    def test_production_without_secret_key_refuses_to_start(self):
        result = run_manage("check", DEBUG="false")
        assert result.returncode != 0
        assert "SECRET_KEY" in result.stderr

    def test_an_empty_secret_key_is_refused_too(self):
        result = run_manage("check", DEBUG="false", SECRET_KEY="")
        assert result.returncode != 0
        assert "SECRET_KEY is not set" in result.stderr

    @needs_no_dotenv
    def test_development_starts_without_a_secret_key(self):
        result = run_manage("check", DEBUG="true")
        assert result.returncode == 0, result.stderr
        assert "System check identified no issues" in result.stdout

    def test_deployment_checklist_passes_with_production_settings(self):
        result = run_manage("check", "--deploy", **production_env())
        output = result.stdout + result.stderr
        assert result.returncode == 0, output
        assert "System check identified no issues" in output
        assert "WARNINGS" not in output


class TestAdminUrl:
    def test_admin_url_moves_the_admin(self):
        found = settings_in_new_process(
            "from django.test import Client\n"
            "from django.urls import Resolver404, resolve, reverse\n"
            "try:\n"
            "    resolve('/quan-tri/')\n"
            "    old_admin_answers = True\n"
            "except Resolver404:\n"
            "    old_admin_answers = False\n"
            "robots = Client().get('/robots.txt').content.decode()\n"
            "print(json.dumps([reverse('admin:index'), old_admin_answers, robots]))\n",
            **production_env(
                ADMIN_URL="bo-phan-quan-tri/",
                ALLOWED_HOSTS="testserver",
                SECURE_SSL_REDIRECT="false",
            ),
        )
        admin_index, old_admin_answers, robots = found
        assert admin_index == "/bo-phan-quan-tri/"
        assert old_admin_answers is False
        assert "Disallow: /bo-phan-quan-tri/" in robots
        assert "/quan-tri/" not in robots

    def test_admin_url_is_normalised_without_or_with_slashes(self):
        admin_index = settings_in_new_process(
            "from django.urls import reverse\nprint(json.dumps(reverse('admin:index')))\n",
            **production_env(ADMIN_URL="/bo-phan-quan-tri"),
        )
        assert admin_index == "/bo-phan-quan-tri/"


def redis_reachable(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


class TestCacheAndEmail:
    @needs_no_dotenv
    def test_default_cache_is_local_memory(self):
        backend = settings_in_new_process(
            "from django.conf import settings\n"
            "print(json.dumps(settings.CACHES['default']['BACKEND']))\n",
            **production_env(),
        )
        assert backend == "django.core.cache.backends.locmem.LocMemCache"

    @pytest.mark.skipif(not redis_reachable(), reason="no Redis server at 127.0.0.1:6379")
    def test_cache_url_gives_a_working_redis_cache_shared_between_processes(self):
        import redis

        key = f"kiem-tra-{uuid.uuid4().hex}"
        value = "Liên đoàn Lao động tỉnh Điện Biên"
        written = settings_in_new_process(
            "from django.core.cache import caches\n"
            "cache = caches['default']\n"
            f"cache.set({key!r}, {value!r}, 60)\n"
            f"print(json.dumps([type(cache).__name__, cache.get({key!r})]))\n",
            **production_env(CACHE_URL="redis://127.0.0.1:6379/9"),
        )
        assert written == ["RedisCache", value]

        # Another app server (a second process) reads what the first one wrote.
        read_back = settings_in_new_process(
            f"from django.core.cache import cache\nprint(json.dumps(cache.get({key!r})))\n",
            **production_env(CACHE_URL="redis://127.0.0.1:6379/9"),
        )
        assert read_back == value
        store = redis.Redis(host="127.0.0.1", port=6379, db=9)
        try:
            assert store.exists(f":1:{key}") == 1
        finally:
            store.delete(f":1:{key}")
            store.close()

    @needs_no_dotenv
    def test_default_email_goes_to_the_console(self):
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "import django\n"
                "django.setup()\n"
                "from django.conf import settings\n"
                "from django.core.mail import send_mail\n"
                "print(settings.EMAIL_BACKEND)\n"
                "send_mail('Thông báo', 'Kính gửi các công đoàn cơ sở', None,"
                " ['vanphong@ldld.example.vn'])\n",
            ],
            cwd=PROJECT_ROOT,
            env=controlled_env(DJANGO_SETTINGS_MODULE="federation.settings", **production_env()),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "django.core.mail.backends.console.EmailBackend" in result.stdout
        assert "To: vanphong@ldld.example.vn" in result.stdout

    def test_email_url_configures_smtp(self):
        found = settings_in_new_process(
            "from django.conf import settings as s\n"
            "print(json.dumps([s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS,"
            " s.EMAIL_HOST_USER]))\n",
            **production_env(EMAIL_URL="smtp+tls://thongbao:matkhau@mail.example.vn:587"),
        )
        assert found == [
            "django.core.mail.backends.smtp.EmailBackend",
            "mail.example.vn",
            587,
            True,
            "thongbao",
        ]


class TestBackgroundTasks:
    @needs_no_dotenv
    def test_the_queue_is_the_database_by_default_and_mail_gives_up_waiting(self):
        found = settings_in_new_process(
            "from django.conf import settings as s\n"
            "from django_tasks import task_backends\n"
            "b = task_backends['default']\n"
            "print(json.dumps([type(b).__name__, b.supports_defer, s.EMAIL_TIMEOUT,"
            " s.MAIL_RETRY_SECONDS]))\n",
            **production_env(),
        )
        assert found == ["DatabaseBackend", True, 20, [60, 300, 1800, 7200]]

    def test_redis_queue_for_several_app_servers(self):
        found = settings_in_new_process(
            "from django.conf import settings as s\n"
            "from django_tasks import task_backends\n"
            "b = task_backends['default']\n"
            "print(json.dumps([type(b).__name__, s.RQ_QUEUES['default']['URL'],"
            " 'django_rq' in s.INSTALLED_APPS, s.MAIL_RETRY_SECONDS]))\n",
            **production_env(
                TASKS_BACKEND="rq",
                TASKS_URL="redis://queue.internal:6379/2",
                MAIL_RETRY_SECONDS="30,600",
            ),
        )
        assert found == ["RQBackend", "redis://queue.internal:6379/2", True, [30, 600]]

    def test_a_redis_queue_without_its_address_refuses_to_start(self):
        result = run_manage("check", **production_env(TASKS_BACKEND="rq"))
        assert result.returncode != 0
        assert "TASKS_BACKEND=rq needs TASKS_URL" in result.stderr

    def test_an_unknown_queue_refuses_to_start(self):
        result = run_manage("check", **production_env(TASKS_BACKEND="celery"))
        assert result.returncode != 0
        assert "TASKS_BACKEND must be one of database, rq, immediate, not 'celery'" in (
            result.stderr
        )
