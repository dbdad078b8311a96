"""The organisation drawn from the union tree, the leadership from the register's leaders."""

import re
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from about.models import Department
from members.models import Leader
from members.services.units import install_leadership
from tests.files import jpeg_bytes
from tests.helpers import section, text_of, vi
from tests.members.factories import make_many_members, make_unit


def measure(client, path: str) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries.captured_queries)


class TestOrganisation:
    def test_counts_are_summed_over_each_branch_from_the_register(self, visitor, tree):
        make_many_members(tree.school, 3)
        make_many_members(tree.builder, 2, start=10)
        make_many_members(tree.garment, 4, start=20)
        make_many_members(tree.power, 1, start=30)
        response = visitor.get("/gioi-thieu/to-chuc/")
        html = text_of(response)
        listing = section(response, r'<ul class="org-tree">.*</ul>\s*</section>')
        ward = re.search(r"Công đoàn phường Mường Thanh</span>\s*<span[^>]*>([^<]*)<", listing)
        assert ward.group(1).startswith("5 đoàn viên · 2 công đoàn cơ sở")
        assert 'Công đoàn xã Thanh Nưa</span> <span class="org-count">4 đoàn viên' in listing
        # A grassroots union directly under the federation has no sub-list of its own.
        assert (
            'Công đoàn Công ty Điện lực Điện Biên</span> <span class="org-count">1 đoàn viên'
            in listing
        )
        # Each upper-level union opens its grassroots unions as a disclosure.
        assert listing.count("<details>") == 2
        # Dissolved unions are not part of today's structure.
        assert "Hợp tác xã Vận tải Thanh Nưa" not in html
        assert "Liên đoàn Lao động tỉnh Điện Biên</strong> — 10 đoàn viên" in html

    def test_the_page_costs_the_same_queries_for_a_small_and_a_larger_tree(self, visitor, tree):
        make_many_members(tree.school, 2)
        small = measure(visitor, "/gioi-thieu/to-chuc/")
        for number in range(6):
            union = make_unit(
                f"Công đoàn cơ sở Trường Tiểu học số {number + 1}",
                tree.kinds["grassroots"],
                tree.commune,
                sector="public",
            )
            make_many_members(union, 3, start=40 + number * 3)
        assert measure(visitor, "/gioi-thieu/to-chuc/") == small

    def test_the_units_and_members_are_read_in_two_queries(self, tree, django_assert_num_queries):
        from about.services import organisation

        make_many_members(tree.school, 2)
        with django_assert_num_queries(2):
            org = organisation()
        assert org.members == 2
        assert org.grassroots == 5


def leaders(*people):
    return [
        Leader(full_name=name, role=role, order=number)
        for number, (name, role) in enumerate(people)
    ]


class TestLeadership:
    def test_the_page_shows_the_current_committee_with_photo_role_and_term(self, visitor, tree):
        installed = install_leadership(
            unit=tree.province,
            leaders=leaders(
                ("Lò Văn Thắng", Leader.Role.CHAIR),
                ("Trần Thị Thu Hằng", Leader.Role.VICE_CHAIR),
                ("Vàng A Dính", Leader.Role.EXECUTIVE),
            ),
            since=date(2023, 11, 6),
            source="Đại hội Công đoàn tỉnh Điện Biên lần thứ XII, nhiệm kỳ 2023–2028",
        )
        chair = Leader.objects.get(pk=installed[0].pk)
        chair.photo = ContentFile(jpeg_bytes(size=(900, 1200)), name="chan-dung.jpg")
        chair.responsibilities = "Phụ trách chung; công tác tổ chức, cán bộ."
        chair.save()
        Department.objects.create(name="Ban Tổ chức", phone="0215 3825 172", order=1)

        html = text_of(visitor.get("/gioi-thieu/lanh-dao/"))
        standing = section(
            visitor.get("/gioi-thieu/lanh-dao/"), r'id="standing-title".*?</section>'
        )
        assert "Lò Văn Thắng" in standing
        assert "Trần Thị Thu Hằng" in standing
        assert "Vàng A Dính" not in standing
        assert re.search(
            r'<img src="[^"]+\.webp" width="360" height="480" alt="Ảnh chân dung Lò Văn Thắng"',
            html,
        )
        assert "Phụ trách chung; công tác tổ chức, cán bộ." in html
        assert "Nhiệm kỳ: Đại hội Công đoàn tỉnh Điện Biên lần thứ XII, nhiệm kỳ 2023–2028" in html
        assert "đảm nhiệm từ 06/11/2023" in html
        assert 'href="tel:02153825172"' in html

    def test_a_new_leadership_installed_replaces_the_old_on_the_page(self, visitor, tree):
        install_leadership(
            unit=tree.province,
            leaders=leaders(
                ("Lò Văn Thắng", Leader.Role.CHAIR), ("Cầm Văn Tuân", Leader.Role.STANDING)
            ),
            since=date(2023, 11, 6),
            source="Đại hội XII",
        )
        assert "Cầm Văn Tuân" in text_of(visitor.get("/gioi-thieu/lanh-dao/"))
        today = timezone.localdate()
        install_leadership(
            unit=tree.province,
            leaders=leaders(("Quàng Thị Phương", Leader.Role.CHAIR)),
            since=today - timedelta(days=1),
            source="Đại hội XIII",
        )
        from django.core.cache import cache

        cache.clear()  # install_leadership writes in bulk: the kept page lives its seconds
        html = text_of(visitor.get("/gioi-thieu/lanh-dao/"))
        assert "Quàng Thị Phương" in html
        assert "Nhiệm kỳ: Đại hội XIII" in html
        assert "Lò Văn Thắng" not in html
        assert "Cầm Văn Tuân" not in html

    def test_leaders_of_other_units_are_not_the_federations(self, visitor, tree):
        install_leadership(
            unit=tree.ward,
            leaders=leaders(("Nguyễn Văn Thành", Leader.Role.CHAIR)),
            since=date(2025, 7, 1),
        )
        html = text_of(visitor.get("/gioi-thieu/lanh-dao/"))
        assert "Nguyễn Văn Thành" not in html
        assert (
            vi("The leadership of the current term will be shown here once it is recorded.") in html
        )
