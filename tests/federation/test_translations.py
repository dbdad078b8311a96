"""The Vietnamese catalogues are complete and their compiled .mo files match the .po files.

`locale/` is the portal's own catalogue, regenerated from the code by `make messages`;
`locale_overrides/` gives Vietnamese for strings Django and the libraries show, kept by
hand (locale_overrides/README.md).
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings

PROJECT = Path(settings.BASE_DIR)
CATALOGUE = PROJECT / "locale" / "vi" / "LC_MESSAGES"
OVERRIDES = PROJECT / "locale_overrides" / "vi" / "LC_MESSAGES"
SITE_PACKAGES = Path(django.__file__).resolve().parent.parent
# The libraries whose strings the overrides translate, with the sources they show them from.
LIBRARIES = ("django", "axes", "simple_history", "django_prose_editor", "django_tasks_db")
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
def regenerated_project(tmp_path_factory):
    """A copy of the project after extracting its strings as `make messages` would."""
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
    return copy


@pytest.fixture(scope="module")
def regenerated_catalogue(regenerated_project):
    return polib.pofile(str(regenerated_project / "locale" / "vi" / "LC_MESSAGES" / "django.po"))


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


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_override_of_a_library_string_is_translated_and_compiled(domain):
    overrides = polib.pofile(str(OVERRIDES / f"{domain}.po"))
    assert len(overrides) > 0
    assert [entry.msgid for entry in overrides.untranslated_entries()] == []
    assert [entry.msgid for entry in overrides.fuzzy_entries()] == []
    compiled = _translations(polib.mofile(str(OVERRIDES / f"{domain}.mo")))
    assert compiled == _translations(overrides), f"{domain}.mo is stale: run `make messages`"


def _library_strings() -> tuple[set[str], str]:
    """The msgids of the libraries' catalogues, and the text of their code, scripts and
    templates (a script's `${n}` and a template's `{{ name }}` read as placeholders)."""
    msgids, texts = set(), []
    for library in LIBRARIES:
        root = SITE_PACKAGES / library
        for path in root.glob("**/locale/*/LC_MESSAGES/*.po"):
            msgids.update(entry.msgid for entry in polib.pofile(str(path)))
        if library == "django":
            continue  # Django's English catalogues list every string it has
        for path in [*root.glob("**/*.py"), *root.glob("**/*.html"), *root.glob("**/*.js")]:
            text = re.sub(r"\$\{[^}]*\}", "%s", path.read_text())
            texts.append(re.sub(r"\{\{ ?(\w+) ?\}\}", r"%(\1)s", text))
    return msgids, "\n".join(texts)


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_override_translates_a_string_a_library_shows(domain):
    """An override whose msgid no library has any more (renamed upstream) would silently
    stop working: each must be in a library's catalogue, or quoted in its code."""
    msgids, code = _library_strings()
    unknown = [
        entry.msgid
        for entry in polib.pofile(str(OVERRIDES / f"{domain}.po"))
        if entry.msgid not in msgids
        and not any(f"{quote}{entry.msgid}{quote}" in code for quote in "\"'`")
        and f"%}}{entry.msgid}{{%" not in code
    ]
    assert unknown == []


def test_the_portal_catalogue_does_not_hide_an_override():
    """The portal's own catalogue comes first: the same msgid there wins over the override."""
    own = _translations(polib.pofile(str(CATALOGUE / "django.po")))
    overrides = _translations(polib.pofile(str(OVERRIDES / "django.po")))
    assert [key for key in overrides if key in own and own[key] != overrides[key]] == []


def test_make_messages_keeps_the_overrides(regenerated_project):
    """`make messages` drops strings it does not find in the code (--no-obsolete); the
    overrides live where it never writes."""
    for name in ("django.po", "djangojs.po"):
        kept = regenerated_project / "locale_overrides" / "vi" / "LC_MESSAGES" / name
        assert kept.read_bytes() == (OVERRIDES / name).read_bytes()
    assert settings.LOCALE_PATHS[0] == PROJECT / "locale"
    assert PROJECT / "locale_overrides" in settings.LOCALE_PATHS
