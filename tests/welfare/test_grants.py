"""Proposals and their review: duplicates caught, reasons required, the right reviewers."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from members import services as register
from tests.files import pdf_bytes, upload
from tests.helpers import vi
from tests.welfare.factories import grant_for, make_officer, make_programme, propose, today
from welfare import services
from welfare.models import Grant, GrantStatus, HousingAid, Relation, Scholarship


def pdf_upload(name: str):
    return upload(name, pdf_bytes())


def message(error) -> str:
    return " ".join(error.value.messages)


ALREADY = "This member has already been proposed in this programme."


def test_the_same_member_twice_in_a_programme_is_refused(tet, tree, members, school_officer):
    propose(tet, tree.school, members["huong"], user=school_officer)
    with pytest.raises(ValidationError) as error:
        propose(tet, tree.school, members["huong"], user=school_officer)
    assert vi(ALREADY) in message(error)
    assert Grant.objects.filter(member=members["huong"]).count() == 1


def test_a_transfer_does_not_let_a_second_unit_propose_the_member_again(
    tet, tree, members, school_officer, builder_officer
):
    propose(tet, tree.school, members["huong"], user=school_officer)
    register.transfer_member(member=members["huong"], to_unit=tree.builder, on=today())
    with pytest.raises(ValidationError) as error:
        propose(tet, tree.builder, members["huong"], user=builder_officer)
    assert vi(ALREADY) in message(error)
    assert not Grant.objects.filter(unit=tree.builder).exists()


def test_the_database_keeps_a_member_once_per_programme(tet, tree, members, school_officer):
    """Two clicks that both pass the check: the database refuses the second."""
    propose(tet, tree.school, members["huong"], user=school_officer)
    twin = grant_for(tet, tree.school, members["huong"], status=GrantStatus.PROPOSED)
    with pytest.raises(ValidationError) as error:
        services.common.save_catching(twin, ValidationError(vi(ALREADY)))
    assert vi(ALREADY) in message(error)


def test_a_rejected_proposal_does_not_block_a_new_one(
    tet, tree, members, school_officer, ward_officer
):
    grant = propose(tet, tree.school, members["huong"], user=school_officer)
    services.reject_grant(grant=grant, user=ward_officer, reason="Không đúng đối tượng.")
    again = propose(tet, tree.school, members["huong"], user=school_officer)
    assert again.status == GrantStatus.PROPOSED


def test_a_member_outside_the_proposing_unit_is_refused(tet, tree, members, school_officer):
    with pytest.raises(ValidationError) as error:
        propose(tet, tree.school, members["mai"], user=school_officer)
    assert vi("This member is not in the proposing unit.") in message(error)
    with pytest.raises(PermissionDenied):
        propose(tet, tree.builder, members["mai"], user=school_officer)


def test_the_same_id_in_two_units_is_flagged_for_the_reviewer_not_refused(
    tree, admin_user, members, school_officer, builder_officer
):
    scholarships = make_programme(tree.province, kind="scholarship", name="Học bổng 2026")
    child = {"person_name": "Lò Minh Khang", "relation": Relation.CHILD}

    def scholarship():
        return Scholarship(school="Trường THCS Him Lam", level=Scholarship.Level.LOWER_SECONDARY)

    first = services.propose_grant(
        grant=grant_for(
            scholarships,
            tree.school,
            for_member=members["huong"],
            national_id="011210001111",
            **child,
        ),
        user=school_officer,
        scholarship=scholarship(),
    )
    assert not first.flagged_duplicate
    second = services.propose_grant(
        grant=grant_for(
            scholarships,
            tree.builder,
            for_member=members["mai"],
            national_id="011210001111",
            **child,
        ),
        user=builder_officer,
        scholarship=scholarship(),
    )
    first.refresh_from_db()
    assert second.flagged_duplicate
    assert first.flagged_duplicate
    assert list(services.duplicates_of(second)) == [first]
    # A member's own ID proposed as a named person elsewhere is flagged too.
    worker = services.propose_grant(
        grant=grant_for(
            scholarships,
            tree.clinic,
            person_name="Lò Minh Khang",
            relation=Relation.CHILD,
            for_member=members["trang"],
            national_id="011210001111",
        ),
        user=make_officer("pham.thu.trang", tree.clinic),
        scholarship=scholarship(),
    )
    assert worker.flagged_duplicate


def test_housing_aid_again_within_the_programmes_years_needs_a_reason(
    tree, admin_user, members, school_officer, ward_officer
):
    last_year = make_programme(
        tree.province,
        kind="housing",
        name="Mái ấm Công đoàn 2025",
        year=today().year - 1,
        budget=200_000_000,
    )

    def house():
        return HousingAid(work=HousingAid.Work.REPAIR, address="Tổ 5, phường Mường Thanh")

    earlier = services.propose_grant(
        grant=grant_for(last_year, tree.school, members["huong"], cash_amount=30_000_000),
        user=school_officer,
        housing=house(),
    )
    services.approve_grant(grant=earlier, user=ward_officer)
    this_year = make_programme(
        tree.province, kind="housing", name="Mái ấm Công đoàn 2026", budget=200_000_000
    )
    with pytest.raises(ValidationError) as error:
        services.propose_grant(
            grant=grant_for(this_year, tree.school, members["huong"], cash_amount=50_000_000),
            user=school_officer,
            housing=house(),
        )
    assert "Mái ấm Công đoàn 2025" in message(error)
    assert not Grant.objects.filter(programme=this_year).exists()
    grant = services.propose_grant(
        grant=grant_for(
            this_year,
            tree.school,
            members["huong"],
            cash_amount=50_000_000,
            repeat_reason="Nhà bị lũ cuốn trôi tháng 8, phải xây lại.",
        ),
        user=school_officer,
        housing=house(),
    )
    assert grant.housing.address == "Tổ 5, phường Mường Thanh"
    # A member who never had housing aid needs no reason.
    services.propose_grant(
        grant=grant_for(this_year, tree.school, members["on"], cash_amount=50_000_000),
        user=school_officer,
        housing=house(),
    )


def test_a_return_or_rejection_needs_a_reason(tet, tree, members, school_officer, ward_officer):
    grant = propose(tet, tree.school, members["huong"], user=school_officer)
    for service in (services.return_grant, services.reject_grant):
        with pytest.raises(ValidationError) as error:
            service(grant=grant, user=ward_officer, reason="   ")
        assert vi("Say why, for the unit that proposed it.") in message(error)
    grant.refresh_from_db()
    assert grant.status == GrantStatus.PROPOSED


def test_only_a_unit_above_reviews(
    tet, tree, members, school_officer, builder_officer, commune_officer, ward_officer
):
    grant = propose(tet, tree.school, members["huong"], user=school_officer)
    for outsider in (school_officer, builder_officer, commune_officer):
        with pytest.raises(PermissionDenied):
            services.approve_grant(grant=grant, user=outsider)
    grant.refresh_from_db()
    assert grant.status == GrantStatus.PROPOSED
    services.approve_grant(grant=grant, user=ward_officer)
    grant.refresh_from_db()
    assert grant.status == GrantStatus.APPROVED
    assert grant.reviewed_by == ward_officer


def test_mails_go_to_the_reviewers_then_back_to_the_unit(
    tet, tree, members, school_officer, ward_officer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        grant = propose(tet, tree.school, members["huong"], user=school_officer)
    assert [message.to for message in mailoutbox] == [[ward_officer.email]]
    assert "Lò Thị Hương" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.return_grant(grant=grant, user=ward_officer, reason="Bổ sung giấy xác nhận.")
    assert mailoutbox[-1].to == [school_officer.email]
    assert "Bổ sung giấy xác nhận." in mailoutbox[-1].body
    grant.refresh_from_db()
    grant.circumstances += " Đã bổ sung xác nhận của UBND phường."
    services.propose_grant(grant=grant, user=school_officer)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_grant(grant=grant, user=ward_officer)
    assert mailoutbox[-1].to == [school_officer.email]
    assert "1.000.000 đồng" in mailoutbox[-1].body


def test_handover_with_the_signed_list(tet, tree, members, school_officer, ward_officer):
    grants = [
        propose(tet, tree.school, members[name], user=school_officer) for name in ("huong", "on")
    ]
    waiting = grants[1]
    services.approve_grant(grant=grants[0], user=ward_officer)
    with pytest.raises(ValidationError):
        services.hand_over(
            grants=grants,
            on=today(),
            upload=pdf_upload("danh-sach-ky-nhan.pdf"),
            user=school_officer,
        )
    services.approve_grant(grant=waiting, user=ward_officer)
    with pytest.raises(ValidationError):
        services.hand_over(
            grants=grants,
            on=today() + timedelta(days=1),
            upload=pdf_upload("danh-sach-ky-nhan.pdf"),
            user=school_officer,
        )
    receipt = services.hand_over(
        grants=grants, on=today(), upload=pdf_upload("Danh sách ký nhận.pdf"), user=school_officer
    )
    assert receipt.original_name == "Danh sách ký nhận.pdf"
    assert set(receipt.grants.values_list("status", flat=True)) == {GrantStatus.HANDED_OVER}


def test_files_go_with_a_proposal(tet, tree, members, school_officer):
    grant = services.propose_grant(
        grant=grant_for(tet, tree.school, members["huong"]),
        user=school_officer,
        files=[("application", pdf_upload("Đơn đề nghị.pdf"))],
    )
    assert [f.original_name for f in grant.files.all()] == ["Đơn đề nghị.pdf"]
