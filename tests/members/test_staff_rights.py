"""Seeing is not editing: federation staff act on members' personal data only through the
model permission for each act (view, add, change, export); seeing the tree is not enough.

Officers keep acting on their own subtree (tests/members/test_officer_area.py).
"""

import pytest
from django.contrib.auth.models import Permission

from members.models import Member, MembershipEvent, MemberStatus, PersonalDataExport
from tests.factories import make_user
from tests.helpers import logged_in, text_of, vi
from tests.members.factories import make_organisation_officer, today
from tests.members.test_officer_area import edit_form, member_form, url

pytestmark = pytest.mark.django_db


def staff_with(*codenames: str):
    """A staff account holding exactly these members.* permissions."""
    user = make_user("bui.van.long", first_name="Bùi Văn", last_name="Long")
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="members", codename__in=codenames)
    )
    return logged_in(user, address="10.9.0.1")


def snapshot():
    return (
        list(Member.objects.order_by("pk").values()),
        MembershipEvent.objects.count(),
        PersonalDataExport.objects.count(),
    )


def assert_refused(response):
    assert response.status_code == 403
    page = text_of(response)
    assert vi("You may not open this page") in page
    assert '<html lang="vi">' in page


@pytest.fixture
def viewer(register):
    return staff_with("view_unit")


def test_the_unit_viewer_still_sees_the_unit_figures_but_no_member_link(tree, viewer):
    response = viewer.get(url("unit", tree.school.pk))
    assert response.status_code == 200
    assert url("members", tree.school.pk) not in text_of(response)


@pytest.mark.parametrize(
    ("name", "target", "data"),
    [
        ("members", "school", None),
        ("member", "huong", None),
        ("member_export", "school", {}),
        ("member_add", "school", None),
        ("member_add", "school", member_form()),
        ("member_import", "school", None),
        ("member_edit", "huong", None),
        ("member_edit", "huong", "edit"),
        ("member_transfer", "on", None),
        ("member_transfer", "on", "transfer"),
        ("member_leave", "on", None),
        ("member_leave", "on", {"on": today().isoformat(), "reason": "Nghỉ việc"}),
    ],
)
def test_seeing_the_tree_is_not_a_right_on_members(tree, register, viewer, name, target, data):
    pk = getattr(tree, target, None) or getattr(register, target)
    if data == "edit":
        data = edit_form(register.huong, full_name="Người Khác Hẳn", phone="0999999999")
    elif data == "transfer":
        data = {"to_unit": str(tree.clinic.pk), "on": today().isoformat()}
    before = snapshot()
    address = url(name, pk.pk)
    response = viewer.get(address) if data is None else viewer.post(address, data)
    assert_refused(response)
    assert snapshot() == before
    assert "Lò Thị Hương" not in text_of(response)
    assert "011194007890" not in text_of(response)


def test_the_member_view_permission_opens_the_personal_data(register):
    reader = staff_with("view_unit", "view_member")
    response = reader.get(url("member", register.huong.pk))
    assert response.status_code == 200
    assert "011194007890" in text_of(response)
    # Reading is not writing: no edit, transfer or leave buttons, and the pages refuse.
    assert url("member_edit", register.huong.pk) not in text_of(response)
    assert_refused(reader.get(url("member_edit", register.huong.pk)))
    assert_refused(reader.post(url("member_export", register.huong.unit_id)))


def test_the_add_permission_adds_a_member(tree, register):
    adder = staff_with("view_unit", "view_member", "add_member")
    response = adder.post(url("member_add", tree.school.pk), member_form())
    member = Member.objects.get(national_id="011193004567")
    assert response.status_code == 302
    assert response["Location"] == member.get_absolute_url()


def test_the_change_permission_edits_transfers_and_records_leaving(tree, register):
    editor = staff_with("view_unit", "view_member", "change_member")
    huong, on = register.huong, register.on
    response = editor.post(url("member_edit", huong.pk), edit_form(huong, phone="0999999999"))
    assert response.status_code == 302
    huong.refresh_from_db()
    assert huong.phone == "0999999999"

    response = editor.post(
        url("member_transfer", on.pk), {"to_unit": str(tree.clinic.pk), "on": today().isoformat()}
    )
    assert response.status_code == 302
    on.refresh_from_db()
    assert on.unit == tree.clinic

    response = editor.post(
        url("member_leave", on.pk), {"on": today().isoformat(), "reason": "Nghỉ việc"}
    )
    assert response.status_code == 302
    on.refresh_from_db()
    assert on.status == MemberStatus.LEFT


def test_the_export_permission_exports_and_is_logged(tree, register):
    exporter = staff_with("view_unit", "view_member", "export_member")
    page = exporter.get(url("members", tree.school.pk))
    assert url("member_export", tree.school.pk) in text_of(page)
    assert url("member_add", tree.school.pk) not in text_of(page)
    response = exporter.post(url("member_export", tree.school.pk))
    assert response.status_code == 200
    assert PersonalDataExport.objects.get().rows == 3


def test_the_organisation_officer_role_holds_every_right_on_members(tree, register):
    client = logged_in(make_organisation_officer(), address="10.9.0.2")
    assert client.post(url("member_export", tree.school.pk)).status_code == 200
    assert PersonalDataExport.objects.count() == 1
