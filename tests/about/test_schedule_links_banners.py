"""The week's schedule, the links block and the campaign banners."""

import re
from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from about import services
from about.models import Banner, Link, ScheduleItem, ScheduleWeek, monday_of
from federation.text import format_date
from tests.files import jpeg_bytes, jpeg_upload
from tests.helpers import section, text_of, vi


def make_week(monday, *items, published=True, note=""):
    return services.save_week(
        ScheduleWeek(monday=monday, published=published, note=note),
        [
            ScheduleItem(day=day, time=at, what=what, attendees=who, place=where)
            for day, at, what, who, where in items
        ],
    )


def iso(monday) -> str:
    return services.week_param(monday)


class TestSchedule:
    def test_this_week_is_shown_with_today_marked(self, visitor, db):
        today = timezone.localdate()
        monday = monday_of(today)
        make_week(
            monday,
            (
                today,
                time(7, 30),
                "Giao ban Thường trực",
                "Thường trực LĐLĐ tỉnh",
                "Phòng họp tầng 2",
            ),
        )
        response = visitor.get("/lich-cong-tac/")
        days = re.findall(r'<li class="schedule-day[^"]*"[^>]*>', text_of(response))
        marked = [day for day in days if 'aria-current="date"' in day]
        assert len(marked) == 1
        today_html = section(
            response, r'<li class="schedule-day is-today" aria-current="date">.*?</li>\s*</ul>'
        )
        assert format_date(today) in today_html
        assert "07:30" in today_html
        assert "Giao ban Thường trực" in today_html
        assert "Phòng họp tầng 2" in today_html

    def test_previous_and_next_weeks_are_linked_and_open(self, visitor, db):
        monday = monday_of(timezone.localdate())
        last = monday - timedelta(days=7)
        make_week(last, (last + timedelta(days=2), None, "Đi cơ sở Mường Phăng", "", ""))
        html = text_of(visitor.get("/lich-cong-tac/"))
        assert f'href="?tuan={iso(last)}" rel="prev"' in html
        assert f'href="?tuan={iso(monday + timedelta(days=7))}" rel="next"' in html
        earlier = text_of(visitor.get("/lich-cong-tac/", {"tuan": iso(last)}))
        assert "Đi cơ sở Mường Phăng" in earlier
        assert vi("All day") in earlier
        assert 'aria-current="date"' not in earlier
        assert f'href="?tuan={iso(last - timedelta(days=7))}" rel="prev"' in earlier

    def test_an_unpublished_week_is_not_shown(self, visitor, db):
        monday = monday_of(timezone.localdate())
        make_week(monday, (monday, None, "Họp kín", "", ""), published=False)
        html = text_of(visitor.get("/lich-cong-tac/"))
        assert "Họp kín" not in html
        assert vi("No schedule has been published for this week yet.") in html

    def test_a_malformed_week_shows_this_week_with_a_message(self, visitor, db):
        monday = monday_of(timezone.localdate())
        make_week(monday, (monday, time(8), "Giao ban", "", ""))
        for value in ("abc", "2026-W99", "2026-W00", "9999999-W01", "2026-W4<script>"):
            response = visitor.get("/lich-cong-tac/", {"tuan": value})
            assert response.status_code == 200, value
            html = text_of(response)
            assert "Giao ban" in html
            assert "không phải là một tuần hợp lệ" in html
            assert "<script>" not in html

    def test_a_week_that_exists_in_the_calendar_is_read(self):
        monday, complaint = services.parse_week("2026-W49")
        assert (monday.isoformat(), complaint) == ("2026-11-30", "")

    def test_the_home_page_shows_todays_items(self, visitor, db):
        today = timezone.localdate()
        make_week(
            monday_of(today),
            (today, time(14), "Tiếp công dân định kỳ", "", "Phòng tiếp dân"),
            (
                monday_of(today) + timedelta(days=7 if today.weekday() == 0 else 0),
                None,
                "Khác ngày",
                "",
                "",
            ),
        )
        block = section(visitor.get("/"), r'<section class="panel schedule-today".*?</section>')
        assert "Tiếp công dân định kỳ" in block
        assert "14:00" in block
        assert "Khác ngày" not in block

    def test_an_item_outside_its_week_is_refused(self, db):
        monday = monday_of(timezone.localdate())
        with pytest.raises(ValidationError) as refused:
            make_week(monday, (monday + timedelta(days=9), None, "Sai tuần", "", ""))
        assert "day" in refused.value.message_dict
        assert not ScheduleWeek.objects.exists()


class TestLinks:
    def test_expired_and_future_links_are_hidden(self, visitor, db):
        today = timezone.localdate()
        Link.objects.create(
            title="Tổng Liên đoàn Lao động Việt Nam", url="https://www.congdoan.vn/"
        )
        Link.objects.create(
            title="Cuộc thi đã kết thúc",
            url="https://thi.example.vn/",
            ends_on=today - timedelta(days=1),
        )
        Link.objects.create(
            title="Cuộc thi sắp mở",
            url="https://sap.example.vn/",
            starts_on=today + timedelta(days=1),
        )
        block = section(visitor.get("/"), r'<section class="panel links-block".*?</section>')
        assert "Tổng Liên đoàn Lao động Việt Nam" in block
        assert "Cuộc thi đã kết thúc" not in block
        assert "Cuộc thi sắp mở" not in block


class TestBanners:
    def make(self, **fields):
        banner = Banner(title="Tháng Công nhân", alt="Tháng Công nhân 2026", **fields)
        banner.image = ContentFile(jpeg_bytes(size=(1500, 500)), name="bang-ron.jpg")
        banner.save()
        return banner

    def test_a_banner_shows_its_renditions_with_its_alt_text(self, visitor, db):
        self.make(url="/lien-he/")
        block = section(visitor.get("/"), r'<section class="banners".*?</section>')
        assert re.search(
            r'<a href="/lien-he/"><img src="[^"]+\.webp" width="1280" height="427" '
            r'alt="Tháng Công nhân 2026" srcset="[^"]+ 640w, [^"]+ 1280w"',
            block,
        )

    def test_an_expired_banner_is_hidden(self, visitor, db):
        self.make(ends_on=timezone.localdate() - timedelta(days=1))
        assert '<section class="banners"' not in text_of(visitor.get("/"))

    def test_the_admin_refuses_a_banner_without_alt_text(self, editor_client):
        response = editor_client.post(
            "/quan-tri/about/banner/add/",
            {
                "title": "Tháng Công nhân",
                "image": jpeg_upload("bang-ron.jpg"),
                "alt": "   ",
                "url": "https://www.congdoan.vn/",
                "order": 0,
            },
        )
        assert response.status_code == 200
        assert not Banner.objects.exists()
        assert vi("This field is required.") in text_of(response) or vi(
            "Describe the banner: the words it shows and what it shows."
        ) in text_of(response)

    def test_the_admin_refuses_a_link_that_is_no_address(self, editor_client):
        response = editor_client.post(
            "/quan-tri/about/banner/add/",
            {
                "title": "Tháng Công nhân",
                "image": jpeg_upload("bang-ron.jpg"),
                "alt": "Tháng Công nhân 2026",
                "url": "javascript:alert(1)",
                "order": 0,
            },
        )
        assert response.status_code == 200
        assert vi(
            "Enter a web address (https://…) or a path of this portal (/lien-he/)."
        ) in text_of(response)
        assert not Banner.objects.exists()
