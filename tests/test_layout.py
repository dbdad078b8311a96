"""The test folders stay apart: shared things live at the top of tests/, never in an app.

A module under tests/<app>/ may import the top modules (tests.factories, tests.helpers,
tests.files, tests.markup), its own app's modules, and another app's test data only
through that app's factories module: never another app's tests, conftest or helpers.
"""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
APPS = sorted(folder.name for folder in TESTS.iterdir() if (folder / "__init__.py").exists())


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def crossings(modules: set[str], app: str) -> list[str]:
    """The imports of a module of `app` that reach into another app's test folder."""
    found = []
    for module in sorted(modules):
        parts = module.split(".")
        if len(parts) < 3 or parts[0] != "tests" or parts[1] not in APPS or parts[1] == app:
            continue
        if parts[2] != "factories":
            found.append(module)
    return found


def test_the_rule_sees_a_crossing_and_lets_factories_through():
    modules = {
        "tests.news.factories",
        "tests.news.factories.make_article",
        "tests.federation.test_spreadsheets",
        "tests.federation.test_spreadsheets.ATTACK",
        "tests.members.conftest",
        "tests.helpers",
        "tests.members.test_admin",
    }
    assert crossings(modules, "members") == [
        "tests.federation.test_spreadsheets",
        "tests.federation.test_spreadsheets.ATTACK",
    ]


def test_no_app_imports_another_apps_test_modules():
    offending = {
        str(path.relative_to(TESTS)): found
        for app in APPS
        for path in sorted((TESTS / app).rglob("*.py"))
        if (found := crossings(imported_modules(path), app))
    }
    assert offending == {}
