"""Staff lay out the home page: each block's column, its order, shown or not."""

import re

import pytest

from about.models import Link
from federation.models import HomeBlockPlacement
from tests.factories import make_approver, make_editor
from tests.helpers import logged_in, text_of, vi

LIST_URL = "/quan-tri/federation/homeblockplacement/"


@pytest.fixture
def two_aside_blocks(site_profile):
    """The federation's introduction (side column, 90) and the links (side column, 95)."""
    Link.objects.create(title="Tổng Liên đoàn Lao động Việt Nam", url="https://www.congdoan.vn/")


def column(page: str, name: str) -> str:
    match = re.search(rf'<div class="home-{name}">(.*?)\n    </div>', page, re.S)
    return match.group(1) if match else ""


def positions(page: str, *markers: str) -> list[int]:
    return [page.index(marker) for marker in markers]


def edit_layout(staff_client, rows: dict[str, dict]):
    """Post the admin's editable list as staff's browser does: every listed row at once."""
    page = staff_client.get(LIST_URL)
    assert page.status_code == 200
    placements = list(page.context["cl"].result_list)
    data = {
        "form-TOTAL_FORMS": len(placements),
        "form-INITIAL_FORMS": len(placements),
        "_save": "Lưu",
    }
    for i, placement in enumerate(placements):
        row = {
            "id": placement.pk,
            "region": placement.region,
            "order": placement.order,
            "shown": placement.shown,
            **rows.get(placement.name, {}),
        }
        for field, value in row.items():
            if field == "shown" and not value:
                continue  # an unticked box is not sent
            data[f"form-{i}-{field}"] = "on" if value is True else value
    return staff_client.post(LIST_URL, data)


class TestHomeLayout:
    def test_blocks_keep_their_apps_places_until_staff_move_them(self, visitor, two_aside_blocks):
        page = text_of(visitor.get("/"))
        aside = column(page, "aside")
        intro, links = positions(aside, 'class="panel panel-intro"', 'class="panel links-block"')
        assert intro < links
        assert not HomeBlockPlacement.objects.exists()

    def test_the_approver_moves_and_hides_blocks_and_visitors_see_it_at_once(
        self, visitor, two_aside_blocks
    ):
        text_of(visitor.get("/"))  # the page is now kept for visitors
        approver = logged_in(make_approver())

        listing = text_of(approver.get(LIST_URL))
        for label in ("Featured news", "About the federation", "Links", "Congress countdown"):
            assert vi(label) in listing
        response = edit_layout(
            approver, {"about-links": {"order": 10}, "federation-intro": {"region": "main"}}
        )
        assert response.status_code == 302

        page = text_of(visitor.get("/"))
        assert 'class="panel panel-intro"' in column(page, "main")
        assert 'class="panel links-block"' in column(page, "aside")

        edit_layout(approver, {"about-links": {"shown": False}})
        page = text_of(visitor.get("/"))
        assert "links-block" not in page
        assert "panel-intro" in page

    def test_order_within_a_column_follows_the_numbers(self, visitor, two_aside_blocks):
        approver = logged_in(make_approver())
        edit_layout(approver, {"about-links": {"order": 1}})
        aside = column(text_of(visitor.get("/")), "aside")
        intro, links = positions(aside, 'class="panel panel-intro"', 'class="panel links-block"')
        assert links < intro

    def test_back_to_the_defaults(self, visitor, two_aside_blocks):
        approver = logged_in(make_approver())
        edit_layout(approver, {"about-links": {"shown": False}, "federation-intro": {"order": 1}})
        placements = HomeBlockPlacement.objects.filter(name__in=["about-links", "federation-intro"])
        response = approver.post(
            LIST_URL,
            {
                "action": "restore_defaults",
                "_selected_action": [p.pk for p in placements],
            },
            follow=True,
        )
        assert vi(
            "%(count)d block is back in its default place.",
            "%(count)d blocks are back in their default places.",
            2,
        ) % {"count": 2} in text_of(response)
        aside = column(text_of(visitor.get("/")), "aside")
        intro, links = positions(aside, 'class="panel panel-intro"', 'class="panel links-block"')
        assert intro < links

    def test_blocks_are_neither_added_nor_deleted_by_hand(self, db):
        approver = logged_in(make_approver())
        approver.get(LIST_URL)
        placement = HomeBlockPlacement.objects.get(name="news-featured")
        assert approver.get(LIST_URL + "add/").status_code == 403
        assert approver.get(f"{LIST_URL}{placement.pk}/delete/").status_code == 403

    def test_a_news_editor_may_not_touch_the_layout(self, db):
        editor = logged_in(make_editor())
        assert editor.get(LIST_URL).status_code == 403
        assert not HomeBlockPlacement.objects.exists()

    def test_a_negative_or_missing_order_is_refused_and_nothing_moves(
        self, visitor, two_aside_blocks
    ):
        approver = logged_in(make_approver())
        response = edit_layout(
            approver, {"about-links": {"order": -3}, "federation-intro": {"region": "main"}}
        )
        assert response.status_code == 200
        assert vi(
            "Ensure this value is greater than or equal to %(limit_value)s.", limit_value=0
        ) in text_of(response)
        assert not HomeBlockPlacement.objects.filter(
            name="federation-intro", region="main"
        ).exists()
