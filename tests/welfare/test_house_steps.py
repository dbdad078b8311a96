"""Mái ấm Công đoàn after approval: the steps of the work and the photos before and after,
recorded in the officer area by the proposing unit (or a unit above it); the handover's
news written as a draft from the admin; the programme's public page linking it once
published, without naming the family."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from federation import roles
from federation.text import format_date
from news import services as news_services
from news.models import Article
from tests.factories import make_approver, make_staff
from tests.files import jpeg_upload, upload
from tests.helpers import files_under, logged_in, messages_of, section, shows, text_of, vi
from tests.news.factories import make_categories
from tests.welfare.factories import grant_for, make_programme, today
from welfare import services
from welfare.models import Grant, HousingAid, HousingPhoto

ADDRESS = "Tổ 5, bản Him Lam 2, phường Him Lam"


@pytest.fixture
def programme(tree, admin_user):
    return make_programme(
        tree.province,
        kind="housing",
        name="Mái ấm Công đoàn năm nay",
        budget=500_000_000,
        user=admin_user,
    )


@pytest.fixture
def house(programme, tree, members, school_officer, ward_officer):
    """Hương's new house, proposed by the school and approved today by the ward."""
    grant = services.propose_grant(
        grant=grant_for(programme, tree.school, members["huong"], cash_amount=50_000_000),
        user=school_officer,
        housing=HousingAid(
            work=HousingAid.Work.BUILD,
            address=ADDRESS,
            own_contribution=20_000_000,
            other_support=10_000_000,
            other_support_from="Ngân hàng Chính sách xã hội tỉnh Điện Biên",
        ),
    )
    services.approve_grant(grant=grant, user=ward_officer)
    return HousingAid.objects.select_related("grant__programme__kind", "grant__unit").get(
        grant=grant
    )


def days_ago(days: int) -> str:
    return (today() - timedelta(days=days)).isoformat()


def steps(surveyed="", started="", handed="", cost="") -> dict:
    return {
        "surveyed_on": surveyed,
        "work_started_on": started,
        "handed_over_on": handed,
        "total_cost": cost,
    }


def steps_url(house) -> str:
    return reverse("welfare:officer_house_steps", args=[house.grant_id])


def photo_url(house) -> str:
    return reverse("welfare:officer_house_photo", args=[house.grant_id])


def grant_url(house) -> str:
    return reverse("welfare:officer_grant", args=[house.grant_id])


def stored_steps(house) -> tuple:
    house.refresh_from_db()
    return (house.surveyed_on, house.work_started_on, house.handed_over_on, house.total_cost)


# ---------------------------------------------------------------------------------------
# Steps


def test_steps_out_of_order_are_refused_beside_their_field_and_nothing_changes(
    house, school_officer
):
    client = logged_in(school_officer)
    survey_day = today() - timedelta(days=30)
    refusals = [
        (
            steps(days_ago(30), days_ago(40)),
            vi(
                "The work cannot start before the survey (%(day)s).",
                day=format_date(survey_day),
            ),
        ),
        (steps("", days_ago(20)), vi("Record the survey before the start of the work.")),
        (
            steps(days_ago(30), "", today().isoformat()),
            vi("Record the start of the work before the handover."),
        ),
        (
            steps(days_ago(30), days_ago(10), days_ago(20)),
            vi(
                "The house cannot be handed over before the work started (%(day)s).",
                day=format_date(today() - timedelta(days=10)),
            ),
        ),
        (
            steps((today() + timedelta(days=1)).isoformat()),
            vi("A step of the work cannot be dated in the future."),
        ),
    ]
    for data, message in refusals:
        response = client.post(steps_url(house), data)
        assert response.status_code == 400, data
        assert shows(response, message), message
        assert 'class="field-error"' in text_of(response)
        assert stored_steps(house) == (None, None, None, None)

    response = client.post(
        steps_url(house), steps(days_ago(30), days_ago(20), today().isoformat(), "80000000")
    )
    assert response.status_code == 302
    assert response["Location"] == grant_url(house) + "#nha"
    assert stored_steps(house) == (
        today() - timedelta(days=30),
        today() - timedelta(days=20),
        today(),
        80_000_000,
    )
    page = client.get(grant_url(house))
    assert messages_of(page) == [vi("The steps of the house are saved.")]
    assert "80.000.000 đồng" in section(page, r'<section class="house-box" id="nha".*?</section>')


def test_a_house_is_not_handed_over_before_the_day_its_grant_was_approved(house, school_officer):
    Grant.objects.filter(pk=house.grant_id).update(reviewed_at=timezone.now() - timedelta(days=10))
    approved = timezone.localdate(timezone.now() - timedelta(days=10))
    with pytest.raises(ValidationError) as refused:
        services.record_house_steps(
            housing=house,
            user=school_officer,
            surveyed_on=today() - timedelta(days=40),
            work_started_on=today() - timedelta(days=30),
            handed_over_on=today() - timedelta(days=15),
            total_cost=None,
        )
    assert refused.value.message_dict == {
        "handed_over_on": [
            vi(
                "The house cannot be handed over before the grant was approved (%(day)s).",
                day=format_date(approved),
            )
        ]
    }
    assert stored_steps(house) == (None, None, None, None)


def test_steps_and_photos_wait_for_the_approval(programme, tree, members, school_officer):
    grant = services.propose_grant(
        grant=grant_for(programme, tree.school, members["on"], cash_amount=30_000_000),
        user=school_officer,
        housing=HousingAid(work=HousingAid.Work.REPAIR, address=ADDRESS),
    )
    client = logged_in(school_officer)
    page = client.get(reverse("welfare:officer_grant", args=[grant.pk]))
    assert shows(
        page, vi("The steps of the work and the photos are recorded once the grant is approved.")
    )
    assert 'name="surveyed_on"' not in text_of(page)
    response = client.post(steps_url(grant.housing), steps(days_ago(3)))
    assert response.status_code == 400
    assert shows(response, vi("The steps of the work are recorded once the grant is approved."))
    assert stored_steps(grant.housing)[0] is None


# ---------------------------------------------------------------------------------------
# Photos


def test_a_text_file_named_jpg_is_refused_with_the_vietnamese_message_and_nothing_is_saved(
    house, school_officer, media_root
):
    client = logged_in(school_officer)
    fake = upload("nha-moi.jpg", "Đây là văn bản, không phải ảnh.".encode(), "image/jpeg")
    response = client.post(
        photo_url(house), {"stage": "after", "image": fake, "alt": "Ngôi nhà mới mái tôn đỏ"}
    )
    assert response.status_code == 400
    assert shows(response, vi("The file is not a valid image (PNG, JPEG or WebP)."))
    assert not HousingPhoto.objects.exists()
    assert files_under(media_root) == []

    # No description: refused too, before anything is written.
    response = client.post(
        photo_url(house), {"stage": "after", "image": jpeg_upload("nha.jpg"), "alt": "  "}
    )
    assert response.status_code == 400
    assert shows(response, vi("Say what the photo shows."))
    assert not HousingPhoto.objects.exists()
    assert files_under(media_root) == []


def test_photos_before_and_after_are_shown_in_a_gallery_with_renditions(
    house, ward_officer, media_root
):
    # The unit above records them as well as the proposing unit.
    client = logged_in(ward_officer)
    for stage, alt in (
        ("before", "Căn nhà gỗ cũ, mái dột"),
        ("after", "Ngôi nhà mới mái tôn đỏ, tường gạch sơn vàng"),
    ):
        response = client.post(
            photo_url(house), {"stage": stage, "image": jpeg_upload(f"{stage}.jpg"), "alt": alt}
        )
        assert response.status_code == 302
        assert response["Location"] == grant_url(house) + "#anh-nha"
    page = client.get(grant_url(house))
    gallery = section(page, r'<section class="house-box" id="anh-nha".*?</section>')
    assert gallery.index(vi("Before the work")) < gallery.index("Căn nhà gỗ cũ, mái dột")
    assert gallery.index(vi("After the work")) < gallery.index("Ngôi nhà mới mái tôn đỏ")
    images = [
        dict(re.findall(r'(alt|srcset)="([^"]*)"', tag))
        for tag in re.findall(r"<img [^>]+>", gallery)
    ]
    assert [image["alt"] for image in images] == [
        "Căn nhà gỗ cũ, mái dột",
        "Ngôi nhà mới mái tôn đỏ, tường gạch sơn vàng",
    ]
    assert all(".webp 480w" in image["srcset"] for image in images)

    # A photo recorded by mistake is removed, with its files.
    before = HousingPhoto.objects.get(stage="before")
    response = client.post(reverse("welfare:officer_house_photo_delete", args=[before.pk]))
    assert response.status_code == 302
    assert list(HousingPhoto.objects.values_list("stage", flat=True)) == ["after"]


# ---------------------------------------------------------------------------------------
# Who may


def test_another_branchs_officer_gets_404_and_nothing_changes(house, builder_officer):
    photo = services.save_housing_photo(
        photo=HousingPhoto(housing=house, stage="before", image=jpeg_upload(), alt="Nhà cũ")
    )
    client = logged_in(builder_officer)
    assert client.get(grant_url(house)).status_code == 404
    assert client.post(steps_url(house), steps(days_ago(3))).status_code == 404
    data = {"stage": "after", "image": jpeg_upload(), "alt": "Nhà mới"}
    assert client.post(photo_url(house), data).status_code == 404
    delete = reverse("welfare:officer_house_photo_delete", args=[photo.pk])
    assert client.post(delete).status_code == 404
    assert stored_steps(house) == (None, None, None, None)
    assert list(HousingPhoto.objects.all()) == [photo]


def test_who_sees_the_grant_but_may_not_record_houses_gets_403(house):
    reader = make_staff("doc.vien", None)
    reader.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["members", "welfare"],
            codename__in=["view_unit", "view_grant", "view_housingaid"],
        )
    )
    client = logged_in(reader)
    page = client.get(grant_url(house))
    assert page.status_code == 200
    assert ADDRESS in text_of(page)
    assert 'name="surveyed_on"' not in text_of(page)
    assert 'name="image"' not in text_of(page)
    assert client.post(steps_url(house), steps(days_ago(3))).status_code == 403
    data = {"stage": "after", "image": jpeg_upload(), "alt": "Nhà mới"}
    assert client.post(photo_url(house), data).status_code == 403
    assert stored_steps(house) == (None, None, None, None)
    assert not HousingPhoto.objects.exists()


def test_recording_is_post_only_with_the_csrf_token(house, school_officer):
    assert logged_in(school_officer).get(steps_url(house)).status_code == 405
    guarded = logged_in(school_officer, enforce_csrf_checks=True)
    assert guarded.post(steps_url(house), steps(days_ago(3))).status_code == 403
    assert stored_steps(house) == (None, None, None, None)


# ---------------------------------------------------------------------------------------
# The handover's news


def handed_over(house, officer) -> HousingAid:
    """The house surveyed, built and handed over today, with photos before and after (the
    description of one "after" photo names the family)."""
    house = services.record_house_steps(
        housing=house,
        user=officer,
        surveyed_on=today() - timedelta(days=60),
        work_started_on=today() - timedelta(days=45),
        handed_over_on=today(),
        total_cost=80_000_000,
    )
    for stage, alt in (
        ("before", "Căn nhà gỗ cũ dột nát của gia đình chị Hương"),
        ("after", "Ngôi nhà mới của gia đình chị Hương"),
        ("after", "Đoàn viên công đoàn nhận chìa khóa nhà mới"),
    ):
        services.add_house_photo(
            housing=house, user=officer, stage=stage, image=jpeg_upload(), alt=alt
        )
    return house


@pytest.fixture
def newsroom_welfare_officer(db):
    """Staff at both desks: the houses and the newsroom (an editor)."""
    user = make_staff("ngo.thi.thu", roles.WELFARE_OFFICER, first_name="Ngô Thị", last_name="Thu")
    user.groups.add(*user.groups.model.objects.filter(name=roles.NEWS_EDITOR))
    return user


def write_news(client, house, **extra):
    return client.post(
        reverse("admin:welfare_housingaid_changelist"),
        {"action": "write_handover_news", "_selected_action": [house.pk], **extra},
        follow=True,
    )


def test_the_admin_action_writes_one_draft_article_once(
    house, school_officer, newsroom_welfare_officer, welfare_client, visitor
):
    house = handed_over(house, school_officer)
    categories = make_categories()
    # The welfare officer alone holds no right of the newsroom: the action is not offered.
    changelist = reverse("admin:welfare_housingaid_changelist")
    assert "write_handover_news" not in text_of(welfare_client.get(changelist))

    client = logged_in(newsroom_welfare_officer)
    assert "write_handover_news" in text_of(client.get(changelist))
    asked = write_news(client, house)
    assert asked.status_code == 200
    assert shows(asked, vi("Category of the article"))
    assert not Article.objects.exists()

    write_news(client, house, apply="1", category=categories["union"].pk)
    article = Article.objects.get()
    house.refresh_from_db()
    assert house.article == article
    assert article.status == Article.Status.DRAFT
    assert article.author == newsroom_welfare_officer
    assert article.category == categories["union"]
    assert article.title == vi(
        "%(unit)s hands over a newly built “%(kind)s” house",
        unit="Công đoàn cơ sở Trường THPT Phan Đình Giót",
        kind="Mái ấm Công đoàn",
    )
    written = " ".join((article.title, article.summary, article.body))
    for private in ("Hương", "Lò Thị", ADDRESS, "011194007890", "Hoàn cảnh"):
        assert private not in written, private
    assert "80.000.000 đồng" in article.body
    assert "50.000.000 đồng" in article.body
    assert "Ngân hàng Chính sách xã hội tỉnh Điện Biên" in article.body
    # The photos after the work, the first placed at the top of the body; the
    # description naming the family replaced by a plain one.
    assert article.body.startswith("<p>[ảnh 1]</p>")
    assert article.summary == vi(
        "On %(day)s, %(unit)s handed over a newly built house to a member in hardship, "
        "within the programme “%(programme)s”.",
        day=f"{today():%d/%m/%Y}",
        unit="Công đoàn cơ sở Trường THPT Phan Đình Giót",
        programme="Mái ấm Công đoàn năm nay",
    )
    assert [(p.order, p.alt) for p in article.photos.order_by("order")] == [
        (1, vi("The house after the work")),
        (2, "Đoàn viên công đoàn nhận chìa khóa nhà mới"),
    ]
    assert all(photo.small.name.endswith(".webp") for photo in article.photos.all())
    # A draft is not public.
    assert visitor.get(article.get_absolute_url()).status_code == 404

    again = write_news(client, house, apply="1", category=categories["policy"].pk)
    assert Article.objects.count() == 1
    assert shows(again, vi("This house already has its news:"))


def test_a_house_not_handed_over_gets_no_article(house, newsroom_welfare_officer):
    categories = make_categories()
    client = logged_in(newsroom_welfare_officer)
    page = write_news(client, house, apply="1", category=categories["union"].pk)
    assert shows(page, vi("Only a house handed over has news of its handover."))
    assert not Article.objects.exists()


# ---------------------------------------------------------------------------------------
# The public programme page


def test_the_public_page_counts_houses_and_links_the_published_handover_news_without_names(
    programme, house, school_officer, newsroom_welfare_officer, visitor, members
):
    house = handed_over(house, school_officer)
    categories = make_categories()
    article, created = services.handover_article(
        housing=house, user=newsroom_welfare_officer, category=categories["union"]
    )
    assert created
    page = visitor.get(programme.get_absolute_url())
    houses = section(page, r'aria-labelledby="houses-title">.*?</section>')
    assert article.get_absolute_url() not in houses  # a draft is not linked

    news_services.publish_article(article=article, user=make_approver())
    cache.clear()
    page = visitor.get(programme.get_absolute_url())
    houses = section(page, r'aria-labelledby="houses-title">.*?</section>')
    steps_shown = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", houses))
    assert steps_shown[vi("Handed over")] == "1"
    assert f'<a href="{article.get_absolute_url()}">{article.title}</a>' in houses
    html = text_of(page)
    for private in ("Lò Thị Hương", "chị Hương", "011194007890", ADDRESS):
        assert private not in html, private
