"""Fixtures of the congress tests: the register's tree, the province's congresses, and the
season's officers and open season."""

import pytest

from members.models import Officer
from tests.congress.factories import make_secretary, make_thirteenth, make_twelfth
from tests.congress.factories_season import make_season
from tests.helpers import logged_in
from tests.members.factories import make_officer, make_tree


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture
def season(tree):
    """The coming term's season over the province, the school's union a pilot."""
    return make_season(tree.province, pilots=[tree.school])


@pytest.fixture
def officers(tree):
    """An officer of each union a test may sign in as, at every level."""
    return {
        "school": make_officer(
            "lo.van.thang",
            tree.school,
            role=Officer.Role.CHAIR,
            first_name="Lò Văn",
            last_name="Thắng",
        ),
        "builder": make_officer("tran.van.hai", tree.builder, first_name="Trần Văn"),
        "clinic": make_officer("pham.thu.trang", tree.clinic, first_name="Phạm Thu"),
        "garment": make_officer("hoang.thi.anh", tree.garment, first_name="Hoàng Thị"),
        "ward": make_officer("lo.thi.huong", tree.ward, role=Officer.Role.CHAIR),
        "commune": make_officer("ca.van.on", tree.commune, first_name="Cà Văn", last_name="Ơn"),
        "province": make_officer("nguyen.duc.anh", tree.province, first_name="Nguyễn Đức"),
    }


@pytest.fixture
def school_client(officers):
    return logged_in(officers["school"], address="10.0.2.1")


@pytest.fixture
def ward_client(officers):
    return logged_in(officers["ward"], address="10.0.2.2")


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
