"""Fixtures of the congress tests: the register's tree and the province's congresses."""

import pytest

from tests.congress.factories import make_secretary, make_thirteenth, make_twelfth
from tests.helpers import logged_in
from tests.members.factories import make_tree


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture
def twelfth(tree):
    """Đại hội lần thứ XII of the province, held, its term running."""
    return make_twelfth(tree)


@pytest.fixture
def thirteenth(twelfth, tree):
    """Đại hội lần thứ XIII of the province, in twelve days."""
    return make_thirteenth(tree)


@pytest.fixture
def secretary(db):
    return make_secretary()


@pytest.fixture
def secretary_client(secretary):
    return logged_in(secretary, address="10.0.0.31")
