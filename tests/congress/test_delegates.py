"""The delegates of a congress: the composition table, credentials and the caps.

The known list (tests/congress/factories_delegates.py) is worked out by hand: seven
delegates with accepted credentials, one not yet examined, one refused, and a guest.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import translation

from congress.models import Delegate, Guest
from congress.services import delegates as service
from tests.congress.factories_delegates import (
    KNOWN_LIST,
    Person,
    make_cap,
    make_congress,
    make_delegate,
    make_known_list,
)
from tests.helpers import vi
from tests.members.factories import make_member, make_tree

pytestmark = pytest.mark.django_db

Kind = Delegate.Kind
Credentials = Delegate.Credentials


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture
def congress(tree):
    return make_congress(tree.province)


@pytest.fixture
def known(congress):
    return make_known_list(congress)


def lines(group) -> dict[str, tuple[int, str]]:
    return {line.key: (line.count, line.share_text) for line in group}


# ---------------------------------------------------------------------------------------
# The composition table


def test_composition_of_a_known_list(congress, known, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        table = service.composition(congress)
    assert (table.total, table.pending, table.refused) == (7, 1, 1)
    assert table.year == 2023
    assert (table.female.count, table.female.share_text) == (4, "57,14 %")
    assert (table.minority.count, table.minority.share_text) == (3, "42,86 %")
    assert (table.party.count, table.party.share_text) == (2, "28,57 %")
    assert lines(table.by_kind) == {
        Kind.EX_OFFICIO: (2, "28,57 %"),
        Kind.ELECTED: (4, "57,14 %"),
        Kind.APPOINTED: (1, "14,29 %"),
    }
    # The boundaries: 29 is under 30, 30 and 40 are 30–40, 50 is 41–50, 51 is over 50.
    assert lines(table.by_age) == {
        "under-30": (2, "28,57 %"),
        "30-40": (2, "28,57 %"),
        "41-50": (2, "28,57 %"),
        "over-50": (1, "14,29 %"),
    }
    assert lines(table.by_sector) == {
        "public": (3, "42,86 %"),
        "state": (1, "14,29 %"),
        "non-state": (2, "28,57 %"),
        "foreign": (1, "14,29 %"),
    }
    assert lines(table.by_education)["university"] == (3, "42,86 %")
    assert lines(table.by_education)["lower-secondary"] == (0, "0,00 %")
    assert (table.youngest.name, table.youngest.age) == ("Nguyễn Văn Bình", 27)
    assert (table.oldest.name, table.oldest.age) == ("Quàng Văn Dũng", 53)


def test_ages_count_from_the_term_when_the_congress_has_no_date(tree):
    congress = make_congress(tree.ward, ordinal=3, term_start=2025, starts_on=None)
    make_delegate(congress, Person("Cà Thị Nga", "female", "Thái", 1996, Kind.ELECTED))
    table = service.composition(congress)
    assert table.year == 2025
    assert lines(table.by_age)["under-30"] == (1, "100,00 %")
    assert table.youngest.age == 29


def test_guests_are_never_counted(congress, known):
    before = service.composition(congress)
    for number in range(5):
        Guest.objects.create(congress=congress, full_name=f"Khách mời số {number + 1}")
    after = service.composition(congress)
    assert (after.total, after.female.count) == (before.total, before.female.count) == (7, 4)


def test_delegates_whose_credentials_are_not_accepted_are_left_out(congress, known):
    tung = Delegate.objects.get(full_name="Lê Văn Tùng")  # 51, not yet examined
    assert lines(service.composition(congress).by_age)["over-50"] == (1, "14,29 %")
    tung.credentials = Credentials.ACCEPTED
    service.save_delegate(tung)
    table = service.composition(congress)
    assert table.total == 8
    assert lines(table.by_age)["over-50"] == (2, "25,00 %")
    assert table.refused == 1  # Phạm Văn Hải stays out


def test_refused_credentials_need_a_reason(congress, known):
    tung = Delegate.objects.get(full_name="Lê Văn Tùng")
    tung.credentials = Credentials.REFUSED
    with pytest.raises(ValidationError) as refused:
        service.save_delegate(tung)
    assert refused.value.message_dict == {
        "credentials_reason": [vi("Say why the credentials were not accepted.")]
    }
    assert Delegate.objects.get(pk=tung.pk).credentials == Credentials.PENDING


def test_an_empty_list_has_no_shares(congress):
    table = service.composition(congress)
    assert table.total == 0
    assert table.female.share_text == "0,00 %"
    assert table.youngest is None


# ---------------------------------------------------------------------------------------
# Caps


def test_the_cap_valid_for_the_kind_size_and_day_applies(tree, congress):
    kind = tree.province.kind
    make_cap(
        kind,
        300,
        rule="Hướng dẫn 03/HD-TLĐ, mục 2",
        valid_from=date(2018, 1, 1),
        valid_until=date(2022, 12, 31),
    )
    small = make_cap(
        kind, 150, rule="Hướng dẫn 65/HD-TLĐ, mục 2.3 (dưới 20.000)", members_to=19_999
    )
    large = make_cap(kind, 250, members_from=20_000)
    make_cap(tree.ward.kind, 120, rule="Hướng dẫn 65/HD-TLĐ, mục 2.4")
    congress.members_represented = 33_997
    assert service.applicable_cap(congress) == large
    congress.members_represented = 12_000
    assert service.applicable_cap(congress) == small
    congress.starts_on = date(2022, 11, 1)  # before 65/HD-TLĐ: the old guidance
    assert service.applicable_cap(congress).max_delegates == 300


def test_without_members_represented_the_register_counts(tree, congress):
    make_cap(tree.province.kind, 2, rule="Thử nghiệm: dưới 3 đoàn viên", members_to=2)
    make_cap(tree.province.kind, 5, rule="Thử nghiệm: từ 3 đoàn viên", members_from=3)
    for index, unit in enumerate((tree.school, tree.builder, tree.clinic)):
        make_member(unit, ("Lò Thị Hoa", "Quàng Văn Sơn", "Cà Thị Thu")[index])
    assert congress.members_represented is None
    assert service.applicable_cap(congress).max_delegates == 5


def test_the_warning_names_the_rule(tree, congress, known):
    make_cap(tree.province.kind, 7)
    with translation.override("vi"):
        warning = service.check_delegate_cap(congress)
    # Eight on the list (the refused one is not): one more than the rule allows.
    assert warning == (
        "Danh sách có 8 đại biểu, vượt số đại biểu tối đa. "
        "Hướng dẫn 65/HD-TLĐ, mục 2.3: tối đa 7 đại biểu."
    )


def test_no_warning_within_the_cap(tree, congress, known):
    make_cap(tree.province.kind, 8)
    assert service.check_delegate_cap(congress) is None


def test_one_more_than_the_cap_is_refused_without_a_reason(tree, congress, known):
    make_cap(tree.province.kind, 8)
    extra = Delegate(
        congress=congress,
        full_name="Vì Văn Khải",
        gender="male",
        ethnicity="Khơ Mú",
        birth_year=1988,
        kind=Kind.APPOINTED,
    )
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        service.save_delegate(extra)
    assert "Hướng dẫn 65/HD-TLĐ, mục 2.3: tối đa 8 đại biểu" in refused.value.messages[0]
    assert not Delegate.objects.filter(full_name="Vì Văn Khải").exists()
    congress.delegate_cap_reason = "Bổ sung đại biểu khối doanh nghiệp FDI theo Kết luận 12."
    service.save_delegate(extra)
    assert Delegate.objects.filter(congress=congress).count() == len(KNOWN_LIST) + 1


# ---------------------------------------------------------------------------------------
# The public include


def test_the_composition_include_is_a_table_with_text_values(congress, known):
    with translation.override("vi"):
        html = render_to_string(
            "congress/includes/composition.html", {"composition": service.composition(congress)}
        )
    assert "<caption>Theo độ tuổi</caption>" in html
    assert '<td class="num">57,14 %</td>' in html
    assert 'width="57.1%"' in html  # the bar's width, in CSS's decimal point
    assert html.count('aria-hidden="true"') >= 1 + 7  # header cell + a bar per line
    assert "Nguyễn Văn Bình" in html
    assert "27 tuổi" in html
    # Not those refused or waiting, and never a guest.
    for absent in ("Phạm Văn Hải", "Lê Văn Tùng", "Vũ Văn Khánh"):
        assert absent not in html
