"""A real worker process (`manage.py db_worker` or `rqworker`) beside the test, for any app.

The worker is a separate process, so it must see the test's committed rows: `shared_database`
uses a transactional database, PostgreSQL's test database when DATABASE_URL points there,
or on SQLite a file copy of the in-memory test database that the test process also switches
to for the test's length. `start_worker(**variables)` starts one with the portal's settings
plus `variables`, and stops it at the end of the test; `wait_for(condition)` polls.

The fixtures are registered for every test in tests/conftest.py.
"""

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from tests.federation.test_settings import controlled_env, random_secret_key

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def database_url_of_this_test() -> str:
    params = connection.settings_dict
    if connection.vendor == "postgresql":
        user = quote(params["USER"] or "")
        password = f":{quote(params['PASSWORD'])}" if params["PASSWORD"] else ""
        host = params["HOST"] or "127.0.0.1"
        port = f":{params['PORT']}" if params["PORT"] else ""
        return f"postgres://{user}{password}@{host}{port}/{params['NAME']}"
    return f"sqlite:///{params['NAME']}"


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """A database both this process and a worker process read: its DATABASE_URL."""
    if connection.vendor == "postgresql":
        yield database_url_of_this_test()
        return
    if connection.vendor != "sqlite":
        pytest.skip(f"no way to share a {connection.vendor} test database with a worker")
    # SQLite's test database lives in this process's memory: copy it (schema, roles) to a
    # file and point this process's connection there until the test ends.
    connection.ensure_connection()
    in_memory = connection.connection
    path = tmp_path / "shared.sqlite3"
    with sqlite3.connect(path) as copy:
        in_memory.backup(copy)
    copy.close()
    name = connection.settings_dict["NAME"]
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    try:
        yield database_url_of_this_test()
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = in_memory


@pytest.fixture
def queue_in_database(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def portal_env(database_url: str, **variables: str) -> dict[str, str]:
    settings = {
        "DJANGO_SETTINGS_MODULE": "federation.settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": random_secret_key(),
        "SECURE_SSL_REDIRECT": "false",
        "TASKS_BACKEND": "database",
        "MAIL_RETRY_SECONDS": "1,1",
    }
    return controlled_env(**{**settings, **variables})


DB_WORKER = ["db_worker", "--no-reload", "--interval", "0.1"]
RQ_WORKER = ["rqworker", "default", "--job-class", "django_tasks_rq.Job", "--with-scheduler"]


@pytest.fixture
def start_worker(shared_database, queue_in_database, tmp_path):
    """Start a worker on the shared database (`db_worker` unless told), with these settings."""
    workers = []

    def start(command=DB_WORKER, **variables: str) -> subprocess.Popen:
        log = (tmp_path / f"worker-{len(workers)}.log").open("w")
        worker = subprocess.Popen(
            [sys.executable, "manage.py", *command],
            cwd=PROJECT_ROOT,
            env=portal_env(shared_database, **variables),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        workers.append((worker, log))
        return worker

    yield start
    for worker, log in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        log.close()
        print(Path(log.name).read_text())  # shown when a test fails


def wait_for(condition, *, seconds: float = 90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"still waiting after {seconds} s")
