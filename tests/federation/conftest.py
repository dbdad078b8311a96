"""Fixtures of the federation tests: the federation's profile and visitors' browsers."""

import pytest

from tests.factories import browser, make_site_profile


@pytest.fixture
def site_profile(db):
    return make_site_profile()


@pytest.fixture
def visitor(db):
    """An anonymous visitor on a phone browser."""
    return browser()
