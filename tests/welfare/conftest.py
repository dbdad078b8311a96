"""Fixtures of the welfare tests: a small tree, members, officers, staff, a Tết programme."""

import pytest

from tests.helpers import logged_in
from tests.welfare.factories import (
    make_officer,
    make_programme,
    make_staff_admin,
    make_tree,
    make_welfare_officer,
    person,
)


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture
def members(tree):
    """Two members of the school, one of the builder, one of the clinic."""
    return {
        "huong": person(tree.school, "Lò Thị Hương", national_id="011194007890"),
        "on": person(tree.school, "Quàng Văn Ơn", national_id="011082001234", gender="male"),
        "mai": person(tree.builder, "Trần Thị Mai", national_id="011187004321"),
        "trang": person(tree.clinic, "Phạm Thu Trang", national_id="011191005555"),
    }


@pytest.fixture
def admin_user(db):
    return make_staff_admin()


@pytest.fixture
def school_officer(tree):
    return make_officer("lo.van.thang", tree.school, first_name="Lò Văn", last_name="Thắng")


@pytest.fixture
def builder_officer(tree):
    return make_officer("tran.van.hai", tree.builder, first_name="Trần Văn", last_name="Hải")


@pytest.fixture
def ward_officer(tree):
    return make_officer("lo.thi.huong", tree.ward, first_name="Lò Thị", last_name="Hương")


@pytest.fixture
def commune_officer(tree):
    return make_officer("ca.van.on", tree.commune, first_name="Cà Văn", last_name="Ơn")


@pytest.fixture
def welfare_officer(db):
    return make_welfare_officer()


@pytest.fixture
def welfare_client(welfare_officer):
    return logged_in(welfare_officer, address="10.0.0.51")


@pytest.fixture
def tet(tree, admin_user):
    """This year's Tết gifts, run by the province, open, 100.000.000 đồng of budget."""
    return make_programme(tree.province, name="Tết Sum vầy", user=admin_user)
