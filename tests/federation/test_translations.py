"""The Vietnamese catalogue is complete and its compiled .mo matches the .po."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

PROJECT = Path(settings.BASE_DIR)
CATALOGUE = PROJECT / "locale" / "vi" / "LC_MESSAGES"
COPY_IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "staticfiles", "media", "test-output", "*.sqlite3*", "__pycache__"
)


def _key(entry):
    return (entry.msgctxt or "", entry.msgid)


def _translations(catalogue):
    return {
        _key(entry): entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr
        for entry in catalogue
        if entry.msgid
    }


@pytest.fixture(scope="module")
def regenerated_catalogue(tmp_path_factory):
    """Extract the strings of a copy of the project as `make messages` would."""
    copy = tmp_path_factory.mktemp("project") / "portal"
    shutil.copytree(PROJECT, copy, ignore=COPY_IGNORE)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "vi",
            "--no-obsolete",
            "--no-location",
            "--ignore",
            "tests/*",
        ],
        cwd=copy,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "true", "HOME": str(copy)},
        check=True,
        capture_output=True,
    )
    return polib.pofile(str(copy / "locale" / "vi" / "LC_MESSAGES" / "django.po"))


def test_every_string_in_the_code_and_templates_has_a_vietnamese_translation(
    regenerated_catalogue,
):
    untranslated = [entry.msgid for entry in regenerated_catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in regenerated_catalogue.fuzzy_entries()]
    assert untranslated == [], "Strings without a Vietnamese translation: run `make messages`"
    assert fuzzy == [], "Translations marked fuzzy need review"


def test_the_compiled_catalogue_matches_the_translations():
    source = _translations(polib.pofile(str(CATALOGUE / "django.po")))
    compiled = _translations(polib.mofile(str(CATALOGUE / "django.mo")))
    assert compiled == source, "django.mo is stale: run `make messages`"
