"""The demo states figures only as the register has them: the introduction on the home
page, the news that give a union's size, and the grassroots unions' sections and groups."""

import re
from io import StringIO

import pytest
from django.utils import timezone

from federation.seed import seed_federation, seed_federation_size
from members.models import Member, MemberStatus, Sector, Unit
from members.seed import OFFICER_SCHOOL, seed_members
from news.seed import STORIES, _with_register_figures
from tests.factories import browser
from tests.helpers import loaded_for_reading

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The steps that make the profile and the register, then the one that states its size:
    loaded once, as every test here only reads them."""
    with loaded_for_reading(django_db_blocker, tmp_path_factory.mktemp("demo")):
        out = StringIO()
        seed_federation(out)
        seed_members(out)
        seed_federation_size(out)
        yield


def count_from_text(text: str) -> list[int]:
    return [int(number.replace(".", "")) for number in re.findall(r"\d[\d.]*\d|\d", text)]


def active_members(units) -> int:
    return Member.objects.filter(unit__in=units, status=MemberStatus.ACTIVE).count()


def existing_grassroots(units):
    return units.filter(kind__is_grassroots=True).existing_on(timezone.localdate())


def test_the_home_page_introduction_states_the_registers_size(demo):
    page = browser().get("/").content.decode()
    intro = re.search(r'<section class="panel panel-intro".*?</section>', page, re.S).group(0)
    members, unions = count_from_text(re.search(r"đại diện cho (.*?) cơ sở", intro).group(1))
    assert members == active_members(Unit.objects.all()) == 1514
    assert unions == existing_grassroots(Unit.objects.all()).count() == 60
    assert "40 nghìn" not in intro
    assert "900" not in intro


def story(title_part: str):
    return next(story for story in STORIES if title_part in story.title)


def test_a_story_about_a_union_states_its_size_from_the_register(demo):
    tuan_giao = Unit.objects.subtree(Unit.objects.get(name="Công đoàn xã Tuần Giáo"))
    grassroots = existing_grassroots(tuan_giao)
    about = story("Công đoàn xã Tuần Giáo tổ chức đại hội")
    summary, body = _with_register_figures(about, about.summary, "".join(about.body))
    assert count_from_text(summary)[-2:] == [grassroots.count(), active_members(tuan_giao)]
    sentence = re.search(r"Công đoàn xã hiện có [^<]*", body).group(0)
    assert count_from_text(sentence) == [
        grassroots.count(),
        active_members(tuan_giao),
        grassroots.filter(sector=Sector.PUBLIC).count(),
        grassroots.filter(sector=Sector.NON_STATE).count(),
    ]
    assert "{" not in summary + body


def test_a_grassroots_union_lists_its_groups_without_counting_zero_members(demo, settings):
    from django.contrib.auth import get_user_model

    school = Unit.objects.get(name=OFFICER_SCHOOL)
    groups = list(school.children.values_list("name", flat=True))
    assert groups  # the demo school has its tổ công đoàn
    client = browser()
    client.force_login(get_user_model().objects.get(username="canbo.coso"))
    page = client.get(f"/co-so/don-vi/{school.pk}/").content.decode()
    inner = re.search(r'<section aria-labelledby="children-title">.*?</section>', page, re.S)
    for name in groups:
        assert name in inner.group(0)
    assert "<table" not in inner.group(0)
