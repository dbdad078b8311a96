"""Vietnamese lists order people by given name, then family name, then middle name.

"Nguyễn Văn An" comes before "Bùi Thị Bình"; diacritics fold for ordering ("Ánh" sits by
"Anh") except "Đ", which follows every "D". The database orders (a stored, indexed sort
column), so every page of a paged list, the admin and the export agree.
"""

import importlib
import io

import pytest
from django.apps import apps
from django.urls import reverse
from openpyxl import load_workbook

from federation.text import name_sort_key
from members import spreadsheets
from members.models import Member
from tests.helpers import logged_in
from tests.members.factories import make_member, make_organisation_officer
from tests.members.test_admin import listed_names
from tests.members.test_officer_area import listed

pytestmark = pytest.mark.django_db

# In the order a Vietnamese list gives them.
PEOPLE = [
    "Hoàng Văn An",
    "Nguyễn Văn An",
    "Lò Thị Ánh",
    "Trần Anh",
    "Bùi Thị Bình",
    "Dương Thị Dung",
    "Đỗ Văn Dũng",
    "Lê Dung",
    "Lê Đức",
    "Vàng A Páo",
]


def test_the_key_orders_by_given_name_then_family_then_middle():
    assert sorted(PEOPLE, key=name_sort_key) == PEOPLE
    assert name_sort_key("Nguyễn Văn An") < name_sort_key("Bùi Thị Bình")
    # Ánh folds to Anh; "An" comes before "Anh"; Đ after every D.
    assert name_sort_key("Lò Thị Ánh") < name_sort_key("Trần Anh")
    assert name_sort_key("Hoàng Văn An") < name_sort_key("Lò Thị Ánh")
    assert name_sort_key("Đỗ Văn Dũng") < name_sort_key("Lê Đức")
    assert name_sort_key("Dương Thị Dung") < name_sort_key("Đỗ Văn Dũng")
    # Only lower-case ASCII letters and digits: every collation orders them alike.
    assert all(char.isascii() and char.isalnum() for char in name_sort_key("Đặng Thị Ở"))


@pytest.fixture
def people(tree):
    """The people, registered in an order unlike the Vietnamese one, half in each union."""
    members = {}
    for index, name in enumerate(sorted(PEOPLE, key=lambda name: name.split()[0])):
        unit = tree.school if index % 2 else tree.builder
        members[name] = make_member(unit, name)
    return members


def test_the_officer_area_list_is_ordered_by_the_database_across_pages(
    tree, people, settings, monkeypatch
):
    from members import views

    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    client = logged_in(make_organisation_officer())
    address = reverse("members:members", args=[tree.ward.pk])
    pages = [listed(client.get(address, {"page": page})) for page in (1, 2, 3)]
    assert [len(names) for names in pages] == [4, 4, 2]
    assert [name for names in pages for name in names] == PEOPLE


def test_the_admin_lists_members_the_same_way(people):
    client = logged_in(make_organisation_officer(), address="10.0.0.41")
    response = client.get(reverse("admin:members_member_changelist"))
    assert listed_names(response) == PEOPLE


def test_the_export_lists_each_unions_members_the_same_way(tree, people):
    content, _count = spreadsheets.export_workbook(Member.objects.filter(unit=tree.school))
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))[1:]
    assert [row[0] for row in rows] == [
        name for name in PEOPLE if people[name].unit_id == tree.school.pk
    ]


def test_the_migration_fills_the_sort_column_of_members_already_registered(people):
    Member.objects.update(sort_name="")
    migration = importlib.import_module("members.migrations.0008_member_sort_name")
    migration.fill_sort_names(apps, None)
    assert list(Member.objects.values_list("full_name", flat=True)) == PEOPLE
    assert Member.objects.get(full_name="Lê Đức").sort_name == name_sort_key("Lê Đức")
