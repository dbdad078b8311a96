"""Fixtures of the members tests: the union tree, its register, a reporting round, officers.

One definition each; a test module asks for what it needs by name.
"""

import pytest

from members.models import Officer
from tests.helpers import logged_in
from tests.members.factories import (
    make_officer,
    make_organisation_officer,
    make_register,
    make_tree,
    open_period,
)


@pytest.fixture
def tree(db):
    """The province's unions: upper levels, grassroots unions, a section, a dissolved one."""
    return make_tree()


@pytest.fixture
def register(tree):
    """Members in the tree's unions, with their admissions, transfers and departures."""
    return make_register(tree)


@pytest.fixture
def period(register):
    """An open reporting round: every existing grassroots union has a prefilled draft."""
    return open_period()


@pytest.fixture
def school_officer(tree):
    """The chair of the school's union (Lò Văn Thắng)."""
    return make_officer(
        "lo.van.thang", tree.school, role=Officer.Role.CHAIR, first_name="Lò Văn", last_name="Thắng"
    )


@pytest.fixture
def ward_officer(tree):
    """The chair of the ward's union, above the school and the builder."""
    return make_officer("lo.thi.huong", tree.ward, role=Officer.Role.CHAIR)


@pytest.fixture
def officers(tree, school_officer, ward_officer):
    """An officer of each union a test may sign in as, at every level."""
    return {
        "school": school_officer,
        "builder": make_officer("tran.van.hai", tree.builder, first_name="Trần Văn"),
        "ward": ward_officer,
        "commune": make_officer("ca.van.on", tree.commune, first_name="Cà Văn", last_name="Ơn"),
        "province": make_officer("nguyen.duc.anh", tree.province, first_name="Nguyễn Đức"),
    }


@pytest.fixture
def school_deputy(tree):
    """A second officer of the school: both hear of what happens to its report."""
    return make_officer("quang.thi.mai", tree.school, role=Officer.Role.VICE_CHAIR)


@pytest.fixture
def clinic_officer(tree):
    """The officer of the clinic's union, under the commune (not under the ward)."""
    return make_officer("pham.thu.trang", tree.clinic)


@pytest.fixture
def school_client(school_officer):
    return logged_in(school_officer, address="10.0.1.1")


@pytest.fixture
def ward_client(ward_officer):
    return logged_in(ward_officer, address="10.0.1.2")


@pytest.fixture
def staff(db):
    """Federation staff in the organisation officer's role: they keep the register."""
    return make_organisation_officer()


@pytest.fixture
def staff_client(staff):
    return logged_in(staff, address="10.0.0.41")
