"""The about demo: loaded through the services, again without duplicates, and giving an
existing leadership (the congress demo's) portraits instead of a second committee."""

import io
from datetime import date

from about.models import Banner, Department, Link, Page, ScheduleWeek
from about.seed import seed_about
from members.models import Leader
from members.services.units import install_leadership


def test_the_demo_loads_once_and_again_without_duplicates(tree):
    seed_about(io.StringIO())
    seed_about(io.StringIO())
    assert Page.objects.count() == 5
    assert Page.objects.published().count() == 4
    assert ScheduleWeek.objects.published().count() == 3
    assert Department.objects.count() == 5
    assert Link.objects.shown_on().count() == 8
    assert Banner.objects.shown_on().count() == 2
    current = Leader.objects.current().filter(unit=tree.province)
    assert current.count() == 9
    chair = current.get(role=Leader.Role.CHAIR)
    assert chair.full_name == "Lò Văn Thắng"
    assert chair.photo_small
    assert chair.responsibilities.startswith("Phụ trách chung")
    assert all(banner.alt and banner.image_small for banner in Banner.objects.all())


def test_an_installed_leadership_gets_portraits_not_a_second_committee(tree):
    install_leadership(
        unit=tree.province,
        leaders=[
            Leader(full_name="Lò Văn Thắng", role=Leader.Role.CHAIR, order=0),
            Leader(full_name="Điêu Chính Hải", role=Leader.Role.VICE_CHAIR, order=1),
        ],
        since=date(2023, 11, 6),
        source="Đại hội XII",
    )
    seed_about(io.StringIO())
    current = Leader.objects.current().filter(unit=tree.province)
    assert sorted(current.values_list("full_name", flat=True)) == ["Lò Văn Thắng", "Điêu Chính Hải"]
    assert all(leader.photo_small for leader in current)
    assert all(leader.responsibilities for leader in current)
