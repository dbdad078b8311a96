"""Houses with their photos, partners' offers, and the welfare figures of a unit's report."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from tests.files import jpeg_upload, png_bytes, upload
from tests.welfare.factories import grant_for, make_programme, propose, today
from welfare import services
from welfare.models import HousingAid, HousingPhoto, Partner


@pytest.fixture
def house(tree, members, school_officer, ward_officer):
    programme = make_programme(
        tree.province, kind="housing", name="Mái ấm Công đoàn 2026", budget=200_000_000
    )
    grant = services.propose_grant(
        grant=grant_for(programme, tree.school, members["huong"], cash_amount=50_000_000),
        user=school_officer,
        housing=HousingAid(work=HousingAid.Work.BUILD, address="Bản Him Lam 2, Điện Biên"),
    )
    return grant.housing


def test_a_house_is_handed_over_only_after_approval_and_never_in_the_future(
    house, school_officer, ward_officer
):
    house.surveyed_on = today() - timedelta(days=30)
    house.work_started_on = today() - timedelta(days=20)
    house.handed_over_on = today()
    with pytest.raises(ValidationError):
        services.save_housing(housing=house, user=school_officer)
    services.approve_grant(grant=house.grant, user=ward_officer)
    house.grant.refresh_from_db()
    house.handed_over_on = today() + timedelta(days=1)
    with pytest.raises(ValidationError):
        services.save_housing(housing=house, user=school_officer)
    house.handed_over_on = today()
    services.save_housing(housing=house, user=school_officer)
    house.refresh_from_db()
    assert house.step == "Đã bàn giao"


def test_photos_of_a_house_get_renditions_and_need_a_description(house, school_officer):
    photo = services.save_housing_photo(
        photo=HousingPhoto(
            housing=house,
            stage=HousingPhoto.Stage.BEFORE,
            image=jpeg_upload("nha-cu.jpg"),
            alt="Căn nhà gỗ cũ dột nát của gia đình chị Hương",
        ),
        user=school_officer,
    )
    photo.refresh_from_db()
    assert photo.picture.width == 1024
    assert photo.small.name.endswith(".webp")
    with pytest.raises(ValidationError):
        services.save_housing_photo(
            photo=HousingPhoto(
                housing=house, stage=HousingPhoto.Stage.AFTER, image=jpeg_upload(), alt="  "
            ),
            user=school_officer,
        )


def test_expired_offers_are_hidden_and_logos_are_drawn(admin_user):
    shown = services.save_partner(
        partner=Partner(
            name="Nhà thuốc Hồng Phúc",
            field=Partner.Field.HEALTH,
            offer="Giảm 10% khi mua thuốc",
            valid_until=today() + timedelta(days=30),
            commune="Mường Thanh",
            logo=upload("logo.png", png_bytes((300, 120))),
        ),
        user=admin_user,
    )
    services.save_partner(
        partner=Partner(
            name="Khách sạn Him Lam",
            field=Partner.Field.TRAVEL,
            offer="Giảm 20% giá phòng",
            valid_from=date(2025, 1, 1),
            valid_until=today() - timedelta(days=1),
        ),
        user=admin_user,
    )
    assert list(Partner.objects.public()) == [shown]
    assert shown.slug == "nha-thuoc-hong-phuc"
    shown.refresh_from_db()
    assert shown.logo_picture.width == 192


def test_a_units_report_figures_come_from_its_approved_grants(
    tet, tree, members, school_officer, builder_officer, ward_officer
):
    for member, unit, officer in (
        (members["huong"], tree.school, school_officer),
        (members["mai"], tree.builder, builder_officer),
    ):
        services.approve_grant(grant=propose(tet, unit, member, user=officer), user=ward_officer)
    propose(tet, tree.school, members["on"], user=school_officer)  # not approved: not counted
    year = date(today().year, 1, 1), date(today().year, 12, 31)
    assert services.unit_welfare_figures(tree.ward, *year) == {
        "people": 2,
        "members": 2,
        "amount": 2_000_000,
    }
    assert services.unit_welfare_figures(tree.school, *year)["amount"] == 1_000_000


def test_a_returned_house_is_sent_again_with_its_details_kept(house, school_officer, ward_officer):
    grant = house.grant
    services.return_grant(grant=grant, user=ward_officer, reason="Bổ sung ảnh hiện trạng.")
    grant.refresh_from_db()
    grant.circumstances += " Đã bổ sung ảnh."
    services.propose_grant(grant=grant, user=school_officer)
    grant.refresh_from_db()
    assert grant.status == "proposed"
    assert grant.housing.address == "Bản Him Lam 2, Điện Biên"
    assert HousingAid.objects.filter(grant=grant).count() == 1
