"""Helpers every app's tests share: signed-in browsers, reading pages, Vietnamese text, files.

App-specific test data stays in each app's factories module (tests/<app>/factories.py);
what more than one app needs lives here, in tests/factories.py or tests/files.py.
"""

import os
import re
from contextlib import contextmanager

from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from tests.factories import browser

# Settings every test runs with (tests/conftest.py), and data loaded once for several tests.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS_AT_ONCE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def only_demo_steps(monkeypatch, *names: str) -> None:
    """`seed_demo` runs only these steps: every app's demo has its own tests, and the whole
    demo costs tens of seconds a run."""
    from federation import demo

    monkeypatch.setattr(demo, "_STEPS", {name: demo._STEPS[name] for name in names})


@contextmanager
def loaded_for_reading(django_db_blocker, folder):
    """Data loaded once for the tests of a module or class that only read it.

    Use it in a module- or class-scoped fixture. The load runs in a transaction rolled
    back when those tests are done; each test still runs in its own savepoint inside it
    (pytest-django's `db`), so what one test writes is undone before the next starts and
    no test sees another's writes. Files the load writes go under `folder`.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(
            DEBUG=True,
            PASSWORD_HASHERS=FAST_PASSWORD_HASHERS,
            TASKS=TASKS_AT_ONCE,
            MEDIA_ROOT=folder / "media",
            PROTECTED_MEDIA_ROOT=folder / "protected",
        ),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)


# ---------------------------------------------------------------------------------------
# Browsers and stored files


def files_under(root) -> list:
    """Every file stored under MEDIA_ROOT (an empty or missing folder gives [])."""
    if not os.path.isdir(root):
        return []
    return [os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names]


def logged_in(user, **kwargs) -> Client:
    """A browser with `user` signed in (force_login: django-axes refuses client.login)."""
    client = browser(**kwargs)
    client.force_login(user)
    return client


# ---------------------------------------------------------------------------------------
# Reading pages


def vi(message: str, plural: str | None = None, count: int | None = None, **params) -> str:
    """The Vietnamese text of a source message, checked to be really translated."""
    with translation.override("vi"):
        translated = ngettext(message, plural, count) if plural else gettext(message)
    assert translated != message, f"no Vietnamese translation for {message!r}"
    if count is not None and "%d" in translated:
        translated = translated % count
    return translated % params if params else translated


def text_of(response) -> str:
    return response.content.decode()


def shows(response, message: str) -> bool:
    """Whether the page shows `message` (as the template escapes it)."""
    return escape(message) in text_of(response)


def section(response, pattern: str) -> str:
    """The part of the page matched by a regular expression (dot matches newlines)."""
    match = re.search(pattern, text_of(response), re.S)
    assert match, f"the page has nothing matching {pattern!r}"
    return match.group(0)


def messages_of(response) -> list[str]:
    """The flash messages shown on a page."""
    return [
        re.sub(r"\s+", " ", item).strip()
        for item in re.findall(r'<li class="message[^"]*">(.*?)</li>', text_of(response), re.S)
    ]
