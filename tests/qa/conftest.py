"""Fixtures of the legal-question tests: topics, an adviser, an administrator, questions."""

import pytest

from federation import roles
from tests.factories import browser, make_staff
from tests.helpers import logged_in
from tests.qa.factories import make_adviser, make_topics


@pytest.fixture
def topics(db):
    return make_topics()


@pytest.fixture
def adviser(db):
    return make_adviser()


@pytest.fixture
def adviser_client(adviser):
    return logged_in(adviser, address="10.0.0.41")


@pytest.fixture
def administrator(db):
    return make_staff(
        "lo.thi.xuan",
        roles.ADMINISTRATOR,
        first_name="Lò Thị",
        last_name="Xuân",
        email="lo.thi.xuan@ldld-dienbien.example.vn",
    )


@pytest.fixture
def asker(db):
    """A worker asking from a phone."""
    return browser(address="113.160.50.7")
