"""Members' lives in the register: admission, transfer, leaving, protected data, figures."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from members import services
from members.models import (
    Gender,
    Member,
    MembershipEvent,
    MemberStatus,
    PersonalDataExport,
    mask,
)
from tests.helpers import vi
from tests.members.factories import (
    make_many_members,
    make_member,
    member_data,
    national_id,
    this_year_start,
    today,
)

pytestmark = pytest.mark.django_db

Event = MembershipEvent.Kind


def events_of(member) -> list[tuple]:
    return list(
        MembershipEvent.objects.filter(member=member)
        .order_by("pk")
        .values_list("kind", "unit", "other_unit", "happened_on")
    )


# ---------------------------------------------------------------------------------------
# Admission


def test_admission_writes_the_admitted_and_card_issued_events(tree, staff):
    member = make_member(
        tree.school,
        "  Lò   Thị Hương ",
        born=date(1994, 8, 3),
        admitted_on=date(2019, 5, 19),
        card_number="ĐB00012345",
        user=staff,
    )
    member.refresh_from_db()
    assert member.full_name == "Lò Thị Hương"
    assert member.search_name == "lo thi huong"
    assert member.status == MemberStatus.ACTIVE
    assert member.left_on is None
    admitted, card = MembershipEvent.objects.filter(member=member).order_by("pk")
    assert (admitted.kind, admitted.unit, admitted.happened_on, admitted.recorded_by) == (
        Event.ADMITTED,
        tree.school,
        date(2019, 5, 19),
        staff,
    )
    assert (card.kind, card.note, card.happened_on) == (
        Event.CARD_ISSUED,
        "ĐB00012345",
        date(2019, 5, 19),
    )


def test_admission_without_a_card_writes_only_the_admission(tree):
    member = make_member(tree.clinic, "Phạm Thu Trang", card_number=None)
    assert [kind for kind, *_ in events_of(member)] == [Event.ADMITTED]


@pytest.mark.parametrize(
    "value",
    [
        "01119400789",  # 11 digits
        "01119400789A",  # a letter
        "011 194 0078",  # spaces
        "0111940078901",  # 13 digits
    ],
)
def test_a_national_id_has_exactly_twelve_digits(tree, value):
    with pytest.raises(ValidationError) as raised:
        make_member(tree.school, "Quàng Văn Ơn", gender=Gender.MALE, national_id=value)
    assert (
        vi("A national ID number has exactly 12 digits.")
        in raised.value.message_dict["national_id"]
    )
    assert not Member.objects.exists()
    assert not MembershipEvent.objects.exists()


def test_an_id_in_full_width_digits_is_refused(tree):
    make_member(tree.school, "Lò Thị Hương", national_id="011194007890")
    with pytest.raises(ValidationError) as raised:
        # The same number, as a PDF or an IME on a phone may paste it.
        make_member(tree.clinic, "Lò Thị Hương", national_id="０１１１９４００７８９０")
    assert "national_id" in raised.value.message_dict


def test_a_realistic_national_id_is_accepted(tree):
    born = date(2001, 10, 2)
    number = national_id(born, Gender.FEMALE, serial=4567)
    assert number == "011301004567"
    member = make_member(tree.garment, "Hoàng Thị Ánh", born=born, national_id=number)
    assert Member.objects.get(pk=member.pk).national_id == "011301004567"


def test_a_national_id_is_registered_once(tree):
    make_member(tree.school, "Lò Thị Hương", national_id="011194007890")
    with pytest.raises(ValidationError) as raised:
        make_member(tree.clinic, "Lò Thị Hương", national_id="011194007890")
    # Without an officer to hide it from (staff, a command), the holder is named.
    assert raised.value.message_dict["national_id"] == [
        vi(
            "This national ID number belongs to %(name)s, a member of %(unit)s.",
            name="Lò Thị Hương",
            unit=tree.school.name,
        )
    ]
    assert Member.objects.count() == 1
    assert MembershipEvent.objects.count() == 1


def test_a_union_card_number_belongs_to_one_member(tree):
    make_member(tree.school, "Lò Thị Hương", card_number="ĐB00000001")
    with pytest.raises(ValidationError) as raised:
        make_member(tree.school, "Quàng Văn Ơn", gender=Gender.MALE, card_number="ĐB00000001")
    assert raised.value.message_dict["card_number"] == [
        vi(
            "This union card number belongs to %(name)s, a member of %(unit)s.",
            name="Lò Thị Hương",
            unit=tree.school.name,
        )
    ]
    assert Member.objects.count() == 1


def test_the_database_keeps_one_row_per_person_and_so_one_unit(tree):
    """A member is active in exactly one unit at a time: one row per ID number, one unit FK."""
    make_member(tree.school, "Lò Thị Hương", national_id="011194007890")
    twin = member_data(tree.clinic, "Lò Thị Hương", national_id="011194007890")
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()  # bypassing full_clean: the database itself refuses
    assert Member.objects.filter(national_id="011194007890").count() == 1


def test_the_database_refuses_a_second_member_with_the_same_card(tree):
    make_member(tree.school, "Lò Thị Hương", card_number="ĐB00000001")
    other = member_data(
        tree.builder, "Nguyễn Văn Dũng", gender=Gender.MALE, card_number="ĐB00000001"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save()
    assert Member.objects.count() == 1


def test_members_without_a_card_do_not_clash(tree):
    make_member(tree.school, "Lò Thị Hương", card_number="")
    make_member(tree.school, "Quàng Văn Ơn", gender=Gender.MALE, card_number=None)
    assert Member.objects.filter(card_number__isnull=True).count() == 2


@pytest.mark.parametrize("where", ["province", "ward", "section", "group"])
def test_a_member_belongs_to_a_grassroots_union(tree, where):
    with pytest.raises(ValidationError) as raised:
        make_member(getattr(tree, where), "Lò Thị Hương")
    assert raised.value.message_dict["unit"] == [vi("Members belong to a grassroots union.")]
    assert not Member.objects.exists()


def test_admission_cannot_be_in_the_future(tree):
    with pytest.raises(ValidationError) as raised:
        make_member(tree.school, "Lò Thị Hương", admitted_on=today() + timedelta(days=1))
    assert raised.value.message_dict["admitted_on"] == [
        vi("The admission date cannot be in the future.")
    ]
    assert not Member.objects.exists()


@pytest.mark.parametrize("days_after_birth", [-1, 0])
def test_admission_comes_after_birth(tree, days_after_birth):
    born = date(1994, 8, 3)
    with pytest.raises(ValidationError) as raised:
        make_member(
            tree.school,
            "Lò Thị Hương",
            born=born,
            admitted_on=born + timedelta(days=days_after_birth),
        )
    assert raised.value.message_dict["admitted_on"] == [
        vi("The admission date must come after birth.")
    ]
    assert not Member.objects.exists()


def test_a_card_number_typed_with_spaces_is_refused_with_a_message_when_taken(tree):
    make_member(tree.school, "Lò Thị Hương", card_number="ĐB00000001")
    with pytest.raises(ValidationError) as raised:
        make_member(tree.school, "Quàng Văn Ơn", gender=Gender.MALE, card_number=" ĐB00000001 ")
    assert raised.value.message_dict["card_number"] == [
        vi(
            "This union card number belongs to %(name)s, a member of %(unit)s.",
            name="Lò Thị Hương",
            unit=tree.school.name,
        )
    ]


def test_nobody_is_admitted_into_a_dissolved_union(tree):
    with pytest.raises(ValidationError) as raised:
        make_member(tree.cooperative, "Lò Văn Pâng", gender=Gender.MALE, admitted_on=today())
    assert "unit" in raised.value.message_dict
    assert not Member.objects.exists()


# ---------------------------------------------------------------------------------------
# Changing a member's details


def test_update_member_cannot_change_the_unit_or_status(tree, staff):
    member = make_member(tree.school, "Lò Thị Hương", card_number="ĐB00000001")
    member.unit = tree.clinic
    member.status = MemberStatus.LEFT
    member.phone = "0987654321"
    services.update_member(member=member, user=staff)
    member.refresh_from_db()
    assert member.unit == tree.school
    assert member.status == MemberStatus.ACTIVE
    assert member.phone == "0987654321"


def test_a_new_card_number_is_recorded_as_a_reissued_card(tree, staff):
    member = make_member(tree.school, "Lò Thị Hương", card_number="ĐB00000001")
    member.card_number = "ĐB00000999"
    services.update_member(member=member, user=staff)
    last = MembershipEvent.objects.filter(member=member).latest("pk")
    assert (last.kind, last.note, last.happened_on, last.recorded_by) == (
        Event.CARD_REISSUED,
        "ĐB00000999",
        today(),
        staff,
    )


# ---------------------------------------------------------------------------------------
# Transfer


def test_a_transfer_writes_both_sides_and_moves_the_member(tree, staff):
    member = make_member(tree.school, "Lò Thị Hương", admitted_on=date(2019, 5, 19))
    on = today() - timedelta(days=3)

    moved = services.transfer_member(
        member=member, to_unit=tree.garment, on=on, user=staff, note="Chuyển công tác"
    )

    assert moved.unit == tree.garment
    member.refresh_from_db()
    assert member.unit == tree.garment
    assert member.status == MemberStatus.ACTIVE
    assert Member.objects.filter(national_id=member.national_id).count() == 1
    out, into = MembershipEvent.objects.filter(member=member).exclude(kind=Event.ADMITTED)
    assert (out.kind, out.unit, out.other_unit, out.happened_on, out.note) == (
        Event.TRANSFERRED_OUT,
        tree.school,
        tree.garment,
        on,
        "Chuyển công tác",
    )
    assert (into.kind, into.unit, into.other_unit, into.happened_on) == (
        Event.TRANSFERRED_IN,
        tree.garment,
        tree.school,
        on,
    )
    assert out.recorded_by == into.recorded_by == staff
    assert services.member_figures(Member.objects.filter(unit=tree.school))["members"] == 0
    assert services.member_figures(Member.objects.filter(unit=tree.garment))["members"] == 1


def test_a_transfer_across_second_level_unions_moves_the_figures(tree):
    member = make_member(tree.builder, "Nguyễn Văn Dũng", gender=Gender.MALE)
    services.transfer_member(member=member, to_unit=tree.power, on=today())
    assert services.subtree_figures(tree.ward)["members"] == 0
    assert services.subtree_figures(tree.power)["members"] == 1
    assert services.subtree_figures(tree.province)["members"] == 1


def _refused_transfer(member, to_unit, on):
    before = (events_of(member), Member.objects.filter(pk=member.pk).values().get())
    with pytest.raises(ValidationError) as raised:
        services.transfer_member(member=member, to_unit=to_unit, on=on)
    after = (events_of(member), Member.objects.filter(pk=member.pk).values().get())
    assert after == before, "a refused transfer changed something"
    return raised.value


def test_a_transfer_to_the_same_union_is_refused(tree):
    member = make_member(tree.school, "Lò Thị Hương")
    error = _refused_transfer(member, tree.school, today())
    assert error.message_dict["to_unit"] == [vi("The member is already in this union.")]


@pytest.mark.parametrize("where", ["ward", "commune", "section"])
def test_a_transfer_to_an_upper_level_unit_is_refused(tree, where):
    member = make_member(tree.school, "Lò Thị Hương")
    error = _refused_transfer(member, getattr(tree, where), today())
    assert error.message_dict["to_unit"] == [vi("Members belong to a grassroots union.")]


def test_a_transfer_to_a_dissolved_union_is_refused(tree):
    member = make_member(tree.clinic, "Phạm Thu Trang", admitted_on=date(2015, 4, 1))
    error = _refused_transfer(member, tree.cooperative, today())
    assert error.message_dict["to_unit"] == [vi("This union no longer exists.")]


def test_a_member_who_left_cannot_be_transferred(tree):
    member = make_member(tree.school, "Cà Thị Én")
    services.mark_left(member=member, on=today(), reason="Nghỉ hưu")
    error = _refused_transfer(member, tree.clinic, today())
    assert error.messages == [vi("Only an active member can be transferred.")]


@pytest.mark.parametrize("when", ["before admission", "tomorrow"])
def test_a_transfer_date_lies_between_admission_and_today(tree, when):
    member = make_member(tree.school, "Lò Thị Hương", admitted_on=date(2019, 5, 19))
    on = date(2019, 5, 18) if when == "before admission" else today() + timedelta(days=1)
    error = _refused_transfer(member, tree.clinic, on)
    assert error.message_dict["on"] == [
        vi("The transfer date must be between the last recorded change and today.")
    ]


def test_a_transfer_cannot_be_dated_before_the_previous_one(tree):
    member = make_member(tree.school, "Lò Thị Hương", admitted_on=date(2019, 5, 19))
    services.transfer_member(member=member, to_unit=tree.clinic, on=today())
    with pytest.raises(ValidationError) as raised:
        services.transfer_member(member=member, to_unit=tree.garment, on=date(2024, 1, 1))
    assert "on" in raised.value.message_dict
    assert Member.objects.get(pk=member.pk).unit == tree.clinic


# ---------------------------------------------------------------------------------------
# Leaving


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_leaving_needs_a_reason(tree, reason):
    member = make_member(tree.school, "Cà Thị Én")
    with pytest.raises(ValidationError) as raised:
        services.mark_left(member=member, on=today(), reason=reason)
    assert raised.value.message_dict["reason"] == [vi("Say why the member left.")]
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE
    assert member.left_on is None
    assert [kind for kind, *_ in events_of(member)] == [Event.ADMITTED]


def test_leaving_sets_the_status_and_date_and_writes_the_event(tree, staff):
    member = make_member(tree.school, "Cà Thị Én", admitted_on=date(2005, 3, 8))
    on = today() - timedelta(days=10)
    services.mark_left(member=member, on=on, reason="  Nghỉ hưu theo chế độ  ", user=staff)
    member.refresh_from_db()
    assert member.status == MemberStatus.LEFT
    assert member.left_on == on
    left = MembershipEvent.objects.get(member=member, kind=Event.LEFT)
    assert (left.unit, left.happened_on, left.note, left.recorded_by) == (
        tree.school,
        on,
        "Nghỉ hưu theo chế độ",
        staff,
    )
    # No longer counted, and cannot leave twice.
    assert services.member_figures(Member.objects.filter(unit=tree.school))["members"] == 0
    with pytest.raises(ValidationError) as raised:
        services.mark_left(member=member, on=today(), reason="Nhập lại")
    assert raised.value.messages == [vi("This member is no longer active.")]
    assert MembershipEvent.objects.filter(member=member, kind=Event.LEFT).count() == 1


@pytest.mark.parametrize("when", ["before admission", "tomorrow"])
def test_the_leaving_date_lies_between_admission_and_today(tree, when):
    member = make_member(tree.school, "Cà Thị Én", admitted_on=date(2005, 3, 8))
    on = date(2005, 3, 7) if when == "before admission" else today() + timedelta(days=1)
    with pytest.raises(ValidationError) as raised:
        services.mark_left(member=member, on=on, reason="Nghỉ hưu")
    assert raised.value.message_dict["on"] == [
        vi("The date must be between the last recorded change and today.")
    ]
    assert Member.objects.get(pk=member.pk).status == MemberStatus.ACTIVE


def test_an_active_member_cannot_have_a_leaving_date_in_the_database(tree):
    member = make_member(tree.school, "Cà Thị Én")
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.filter(pk=member.pk).update(left_on=today())


# ---------------------------------------------------------------------------------------
# Personal data (Decree 13/2023/NĐ-CP)


def test_personal_numbers_are_masked_to_their_last_digits(tree):
    member = make_member(
        tree.school,
        "Lò Thị Hương",
        born=date(1994, 8, 3),
        national_id="011194007890",
        phone="0915246810",
    )
    assert member.masked_national_id == "••••••••7890"
    assert member.masked_phone == "•••••••810"
    assert member.masked_date_of_birth == "••/••/1994"
    assert "011194" not in member.masked_national_id
    assert mask("") == ""
    assert mask("1234") == "••••1234"  # never shorter than four dots: the length stays hidden


def test_every_export_of_personal_data_is_logged(tree, staff):
    make_member(tree.school, "Lò Thị Hương")
    entry = services.log_export(
        user=staff, unit=tree.school, description="Danh sách đoàn viên (Excel)", rows=1
    )
    stored = PersonalDataExport.objects.get()
    assert stored == entry
    assert (stored.user, stored.unit, stored.description, stored.rows) == (
        staff,
        tree.school,
        "Danh sách đoàn viên (Excel)",
        1,
    )
    assert stored.exported_at is not None


# ---------------------------------------------------------------------------------------
# Figures from the register


def test_figures_of_one_union(tree, register):
    school = Member.objects.filter(unit=tree.school)
    # Hương (woman, admitted this year), Ơn; Én has left and is not counted.
    assert services.member_figures(school) == {"members": 2, "female": 1, "admitted": 1}
    assert services.member_figures(school, year=today().year - 1) == {
        "members": 2,
        "female": 1,
        "admitted": 1,  # Ơn
    }


def test_figures_of_a_subtree_add_up_every_level_below(tree, register):
    assert services.subtree_figures(tree.ward) == {"members": 4, "female": 2, "admitted": 2}
    assert services.subtree_figures(tree.commune) == {"members": 4, "female": 3, "admitted": 1}
    assert services.subtree_figures(tree.power) == {"members": 1, "female": 0, "admitted": 1}
    assert services.subtree_figures(tree.province) == {"members": 9, "female": 5, "admitted": 4}
    assert services.subtree_figures(tree.group) == {"members": 0, "female": 0, "admitted": 0}


def test_figures_of_the_units_directly_below(tree, register):
    rows = services.children_figures(tree.province)
    assert [(row["unit"], row["members"], row["female"], row["admitted"]) for row in rows] == [
        (tree.power, 1, 0, 1),  # "Công đoàn Công ty Điện lực …", a union at level 2
        (tree.ward, 4, 2, 2),
        (tree.commune, 4, 3, 1),
    ]
    rows = services.children_figures(tree.commune)
    assert {row["unit"].name: row["members"] for row in rows} == {
        tree.clinic.name: 1,
        tree.garment.name: 3,
        tree.cooperative.name: 0,
    }
    assert services.children_figures(tree.builder) == []


def test_the_sum_of_the_children_is_the_subtree(tree, register):
    for upper in (tree.province, tree.ward, tree.commune):
        rows = services.children_figures(upper)
        for key in ("members", "female", "admitted"):
            assert sum(row[key] for row in rows) == services.subtree_figures(upper)[key]


def _queries_for_children_figures(unit) -> int:
    with CaptureQueriesContext(connection) as captured:
        services.children_figures(unit)
    return len(captured.captured_queries)


def test_children_figures_cost_the_same_queries_for_10_or_200_members(tree):
    make_many_members(tree.school, 4)
    make_many_members(tree.clinic, 3, start=4)
    make_many_members(tree.power, 3, start=7)
    with_ten = _queries_for_children_figures(tree.province)
    assert services.subtree_figures(tree.province)["members"] == 10

    make_many_members(tree.garment, 120, start=10)
    make_many_members(tree.builder, 70, start=130)
    with_two_hundred = _queries_for_children_figures(tree.province)
    assert services.subtree_figures(tree.province)["members"] == 200

    # The counts per unit, the units below, and the places of the units counted.
    assert with_ten == with_two_hundred <= 3
    rows = {row["unit"]: row for row in services.children_figures(tree.province)}
    assert rows[tree.commune]["members"] == 3 + 120
    assert rows[tree.ward]["members"] == 4 + 70
    # Every other member is a woman, every third was admitted this year.
    women = Member.objects.filter(gender=Gender.FEMALE).count()
    admitted = Member.objects.filter(admitted_on__gte=this_year_start()).count()
    assert sum(row["female"] for row in rows.values()) == women == 100
    assert sum(row["admitted"] for row in rows.values()) == admitted


def test_figures_are_summed_by_the_database(tree, django_assert_num_queries):
    make_many_members(tree.garment, 30)
    with django_assert_num_queries(1):
        services.subtree_figures(tree.province)
    assert Member.objects.aggregate(n=Count("pk"))["n"] == 30
