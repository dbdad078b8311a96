"""Fixtures every test gets: collected static files, media in a temporary folder, a clean cache."""

import fcntl
import hashlib
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import browser, make_site_profile
from tests.helpers import FAST_PASSWORD_HASHERS, TASKS_AT_ONCE
from tests.workers import queue_in_database, shared_database, start_worker  # noqa: F401


def _static_sources_signature() -> str:
    """A fingerprint of every static source file: names, sizes and modification times."""
    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@pytest.fixture(scope="session", autouse=True)
def collected_static(django_db_blocker):
    """Templates use hashed static names, as in production, so collect them once.

    Compressing every file takes seconds; it is skipped when no source changed since
    the last run collected them. `make test` runs the suite in two processes that share
    STATIC_ROOT: a lock in it lets one collect while the other waits, then finds the
    files up to date.
    """
    static_root = Path(settings.STATIC_ROOT)
    static_root.mkdir(parents=True, exist_ok=True)
    with open(static_root / ".collect.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            marker = static_root / ".sources-signature"
            signature = _static_sources_signature()
            manifest = static_root / "staticfiles.json"
            if manifest.exists() and marker.exists() and marker.read_text() == signature:
                return
            with django_db_blocker.unblock():
                call_command("collectstatic", interactive=False, verbosity=0)
            marker.write_text(signature)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(autouse=True)
def static_files_found_on_demand(settings):
    """WhiteNoise looks a static file up when asked instead of indexing all of them.

    Every test client builds its own middleware, and indexing the ~7,700 collected files
    costs 0.1 s each time; the pages and the files served are the same.
    """
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PROTECTED_MEDIA_ROOT = tmp_path / "protected"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def page_views_written_at_once(settings):
    """Tests read the counts right after the request; tests/federation checks the batching."""
    settings.PAGE_VIEW_WRITE_SECONDS = 0


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Tasks (mail above all) run in the test's own process as they are enqueued.

    tests/federation/test_mail.py runs a real worker on the database backend instead.
    """
    settings.TASKS = TASKS_AT_ONCE


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs seconds per login; the tests check logins, not the hash."""
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture
def site_profile(db):
    """The federation's profile, as staff fill it in."""
    return make_site_profile()


@pytest.fixture
def visitor(db):
    """An anonymous visitor on a phone browser."""
    return browser()
