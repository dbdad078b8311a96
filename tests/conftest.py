"""Fixtures every test gets: collected static files, media in a temporary folder, a clean cache."""

import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(scope="session", autouse=True)
def collected_static(django_db_blocker):
    """Templates use hashed static names, as in production, so collect them once."""
    with django_db_blocker.unblock():
        call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs seconds per login; the tests check logins, not the hash."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
