"""The welfare pages of the officer area: proposing from the unit's own members with
files, review by the unit above within its quota, quotas passed down, the handover with
the signed list, files and loans only in scope."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.files import executable_bytes, pdf_bytes, upload
from tests.helpers import logged_in, messages_of, shows, vi
from tests.welfare.factories import (
    add_standard,
    make_officer,
    make_terms,
    propose,
    today,
)
from welfare import services
from welfare.models import Grant, GrantFile, GrantStatus, Loan, Programme, Quota

CIRCUMSTANCES = "Chồng ốm dài ngày, hai con nhỏ đang đi học, nhà đơn chiếu."


@pytest.fixture
def province_officer(tree):
    return make_officer("nguyen.van.tinh", tree.province, first_name="Nguyễn Văn", last_name="Tỉnh")


def propose_url(programme, unit):
    return reverse("welfare:officer_propose", args=[programme.slug, unit.pk])


def proposal(member=None, **changes) -> dict:
    data = {
        "who": "member",
        "member": str(member.pk) if member else "",
        "person_name": "",
        "relation": "",
        "national_id": "",
        "circumstances": CIRCUMSTANCES,
        "standard": "",
        "cash_amount": "1000000",
        "in_kind_value": "",
        "in_kind": "",
        "places": "1",
    }
    data.update(changes)
    return data


def grant_page(client, grant):
    return client.get(reverse("welfare:officer_grant", args=[grant.pk]))


# ---------------------------------------------------------------------------------------
# Proposing


def test_a_branch_proposes_its_own_member_with_files(tet, tree, members, school_officer):
    add_standard(tet, "Quà Tết", 1_000_000)
    client = logged_in(school_officer)
    page = client.get(propose_url(tet, tree.school), {"q": "huong"})
    assert page.status_code == 200
    # The picker lists the unit's member found, and the standard amount is prefilled.
    assert "Lò Thị Hương" in page.content.decode()
    assert 'name="cash_amount" value="1000000"' in page.content.decode()
    data = proposal(
        members["huong"],
        application=upload("Đơn đề nghị hỗ trợ.pdf", pdf_bytes()),
        hardship=upload("Xác nhận hoàn cảnh khó khăn.pdf", pdf_bytes("Xac nhan UBND xa")),
    )
    response = client.post(propose_url(tet, tree.school), data, follow=True)
    grant = Grant.objects.get(programme=tet, member=members["huong"])
    assert response.redirect_chain[-1][0] == reverse("welfare:officer_grant", args=[grant.pk])
    assert messages_of(response) == [
        vi("The proposal for %(name)s is sent to the unit above.", name="Lò Thị Hương")
    ]
    assert (grant.unit, grant.status, grant.proposed_by) == (
        tree.school,
        GrantStatus.PROPOSED,
        school_officer,
    )
    assert sorted(grant.files.values_list("purpose", flat=True)) == ["application", "hardship"]
    assert shows(response, "Xác nhận hoàn cảnh khó khăn.pdf")


def test_another_branchs_member_is_refused_and_its_pages_are_404(
    tet, tree, members, school_officer
):
    client = logged_in(school_officer)
    # Mai is the builder's member: the school cannot pick her, nothing is saved.
    response = client.post(propose_url(tet, tree.school), proposal(members["mai"]))
    assert response.status_code == 400
    assert shows(response, vi("Choose a member of the unit from the list."))
    assert not Grant.objects.exists()
    # The builder's pages are not the school's to see.
    assert client.get(propose_url(tet, tree.builder)).status_code == 404
    assert (
        client.get(reverse("welfare:officer_unit", args=[tet.slug, tree.builder.pk])).status_code
        == 404
    )
    # The picker never lists another branch's members, whatever is searched.
    page = client.get(propose_url(tet, tree.school), {"q": "Mai"})
    assert "Trần Thị Mai" not in page.content.decode()


def test_a_named_person_is_proposed_with_the_member_they_belong_to(
    tet, tree, members, school_officer
):
    client = logged_in(school_officer)
    data = proposal(
        members["on"],
        who="person",
        person_name="Quàng Thị Bình",
        relation="child",
        national_id="011210009876",
    )
    response = client.post(propose_url(tet, tree.school), data)
    assert response.status_code == 302
    grant = Grant.objects.get()
    assert (grant.member, grant.person_name, grant.relation, grant.for_member) == (
        None,
        "Quàng Thị Bình",
        "child",
        members["on"],
    )
    page = grant_page(client, grant)
    assert shows(page, "Quàng Văn Ơn")


def test_a_refused_file_keeps_everything_typed(tet, tree, members, school_officer):
    client = logged_in(school_officer)
    data = proposal(members["huong"], application=upload("don.exe", executable_bytes()))
    response = client.post(propose_url(tet, tree.school), data)
    assert response.status_code == 400
    assert not Grant.objects.exists()
    assert not GrantFile.objects.exists()
    page = response.content.decode()
    assert CIRCUMSTANCES in page
    assert f'value="{members["huong"].pk}" checked' in page or (
        f'value="{members["huong"].pk}"' in page and "checked" in page
    )
    assert 'id="id_application_error"' in page


def test_a_member_proposed_twice_is_refused_with_the_services_message(
    tet, tree, members, school_officer, ward_officer
):
    propose(tet, tree.school, members["huong"], user=school_officer)
    # The ward proposes the same member again (from its own subtree): refused.
    client = logged_in(ward_officer)
    response = client.post(propose_url(tet, tree.ward), proposal(members["huong"]))
    assert response.status_code == 400
    assert shows(response, vi("This member has already been proposed in this programme."))
    assert Grant.objects.count() == 1


def test_a_returned_proposal_is_corrected_and_sent_again(
    tet, tree, members, school_officer, ward_officer
):
    grant = propose(tet, tree.school, members["huong"], user=school_officer)
    services.return_grant(grant=grant, user=ward_officer, reason="Thiếu xác nhận của xã.")
    client = logged_in(school_officer)
    page = grant_page(client, grant)
    assert shows(page, "Thiếu xác nhận của xã.")
    edit = reverse("welfare:officer_grant_edit", args=[grant.pk])
    assert client.get(edit).status_code == 200
    data = proposal(
        members["huong"],
        circumstances=CIRCUMSTANCES + " Có xác nhận của UBND xã.",
        hardship=upload("Xác nhận.pdf", pdf_bytes()),
    )
    assert client.post(edit, data).status_code == 302
    grant.refresh_from_db()
    assert (grant.status, grant.reason) == (GrantStatus.PROPOSED, "")
    assert grant.files.count() == 1


# ---------------------------------------------------------------------------------------
# Files only in scope


def test_files_are_downloaded_only_in_scope(
    tet, tree, members, school_officer, ward_officer, builder_officer, commune_officer
):
    grant = services.propose_grant(
        grant=Grant(
            programme=tet,
            unit=tree.school,
            member=members["huong"],
            circumstances=CIRCUMSTANCES,
            cash_amount=1_000_000,
        ),
        user=school_officer,
        files=[("application", upload("Đơn đề nghị.pdf", pdf_bytes()))],
    )
    stored = grant.files.get()
    url = reverse("welfare:officer_file", args=[stored.pk])
    for officer in (school_officer, ward_officer):
        response = logged_in(officer).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "no-store" in response["Cache-Control"]
    for officer in (builder_officer, commune_officer):
        assert logged_in(officer).get(url).status_code == 404
        assert grant_page(logged_in(officer), grant).status_code == 404


# ---------------------------------------------------------------------------------------
# Review by the unit above


def review(client, grant, action, reason=""):
    return client.post(
        reverse("welfare:officer_review_grant", args=[grant.pk]), {action: "1", "reason": reason}
    )


def test_returning_needs_a_reason(tet, tree, members, school_officer, ward_officer):
    grant = propose(tet, tree.school, members["huong"], user=school_officer)
    client = logged_in(ward_officer)
    for action in ("return", "reject"):
        response = review(client, grant, action, "   ")
        assert response.status_code == 400
        assert shows(response, vi("Say why, for the unit that proposed it."))
        grant.refresh_from_db()
        assert grant.status == GrantStatus.PROPOSED
    response = review(client, grant, "return", "Thiếu đơn đề nghị.")
    assert response.status_code == 302
    grant.refresh_from_db()
    assert (grant.status, grant.reason) == (GrantStatus.RETURNED, "Thiếu đơn đề nghị.")


def test_approval_within_the_quota_and_the_refusal_over_it(
    tet, tree, members, school_officer, ward_officer, admin_user
):
    services.hand_out_quota(programme=tet, unit=tree.ward, user=admin_user, places=1)
    first = propose(tet, tree.school, members["huong"], user=school_officer)
    second = propose(tet, tree.school, members["on"], user=school_officer)
    client = logged_in(ward_officer)
    assert review(client, first, "approve").status_code == 302
    response = review(client, second, "approve")
    assert response.status_code == 400
    assert shows(
        response,
        vi(
            "%(name)s: the quota of %(unit)s is used up (%(used)d of %(limit)d suất approved).",
            name="Quàng Văn Ơn",
            unit=tree.ward.name,
            used=1,
            limit=1,
        ),
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (GrantStatus.APPROVED, GrantStatus.PROPOSED)


def test_a_sibling_or_the_unit_itself_cannot_review(
    tet, tree, members, school_officer, builder_officer, commune_officer
):
    grant = propose(tet, tree.school, members["huong"], user=school_officer)
    # Another branch (same ward, or another commune) does not even see it.
    for officer in (builder_officer, commune_officer):
        assert review(logged_in(officer), grant, "approve").status_code == 404
    # The school sees its proposal but does not review it.
    assert review(logged_in(school_officer), grant, "approve").status_code == 403
    assert not shows(grant_page(logged_in(school_officer), grant), vi("Approve"))
    grant.refresh_from_db()
    assert grant.status == GrantStatus.PROPOSED


def test_the_review_page_shows_the_flagged_duplicate(
    tet, tree, members, school_officer, builder_officer, ward_officer
):
    # The same child named by two unions: flagged, for the reviewer to see.
    for unit, officer, member in (
        (tree.school, school_officer, members["huong"]),
        (tree.builder, builder_officer, members["mai"]),
    ):
        services.propose_grant(
            grant=Grant(
                programme=tet,
                unit=unit,
                person_name="Lò Văn Nam",
                relation="child",
                for_member=member,
                national_id="011212001111",
                circumstances=CIRCUMSTANCES,
                cash_amount=500_000,
            ),
            user=officer,
        )
    response = logged_in(ward_officer).get(
        reverse("welfare:officer_review", args=[tet.slug, tree.ward.pk])
    )
    assert response.status_code == 200
    assert shows(
        response, vi("The same national ID number is proposed elsewhere in this programme:")
    )
    assert shows(response, tree.builder.name)
    assert shows(response, tree.school.name)


# ---------------------------------------------------------------------------------------
# Quotas passed down


def quota_data(rows) -> dict:
    data = {}
    for unit, places, amount in rows:
        data[f"q{unit.pk}-places"] = "" if places is None else str(places)
        data[f"q{unit.pk}-amount"] = "" if amount is None else str(amount)
    return data


def test_quotas_are_passed_down_and_a_sum_over_the_quota_is_refused(
    tet, tree, province_officer, ward_officer
):
    url = reverse("welfare:officer_quotas", args=[tet.slug, tree.province.pk])
    response = logged_in(province_officer).post(
        url, quota_data([(tree.ward, 10, 10_000_000), (tree.commune, 5, None)])
    )
    assert response.status_code == 302
    assert Quota.objects.get(programme=tet, unit=tree.ward).places == 10

    client = logged_in(ward_officer)
    url = reverse("welfare:officer_quotas", args=[tet.slug, tree.ward.pk])
    response = client.post(url, quota_data([(tree.school, 6, None), (tree.builder, 6, None)]))
    assert response.status_code == 400
    assert shows(
        response,
        vi(
            "The quotas passed down from %(unit)s add up to %(total)s, more than its own "
            "quota of %(limit)s.",
            unit=tree.ward.name,
            total="12 suất",
            limit="10 suất",
        ),
    )
    # What was typed stays in the fields; nothing is saved.
    assert 'value="6"' in response.content.decode()
    assert not Quota.objects.filter(unit__in=[tree.school, tree.builder]).exists()
    assert (
        client.post(url, quota_data([(tree.school, 6, None), (tree.builder, 4, None)])).status_code
        == 302
    )
    assert Quota.objects.get(programme=tet, unit=tree.school).parent.unit == tree.ward
    # The ward cannot give itself more: the province's page is not the ward's.
    assert (
        client.get(reverse("welfare:officer_quotas", args=[tet.slug, tree.province.pk])).status_code
        == 404
    )


# ---------------------------------------------------------------------------------------
# Handover


def test_the_signed_receipt_list_is_uploaded_after_approval(
    tet, tree, members, school_officer, ward_officer, builder_officer
):
    first = propose(tet, tree.school, members["huong"], user=school_officer)
    second = propose(tet, tree.school, members["on"], user=school_officer)
    url = reverse("welfare:officer_handover", args=[tet.slug, tree.school.pk])
    client = logged_in(school_officer)
    data = {
        "grants": [first.pk],
        "on": today().isoformat(),
        "file": upload("Danh sách ký nhận.pdf", pdf_bytes()),
    }
    # Not approved yet: nothing to hand over.
    response = client.post(url, data)
    assert response.status_code == 400
    services.approve_grant(grant=first, user=ward_officer)
    services.approve_grant(grant=second, user=ward_officer)
    data = {
        "grants": [first.pk, second.pk],
        "on": today().isoformat(),
        "file": upload("Danh sách ký nhận.pdf", pdf_bytes()),
    }
    response = client.post(url, data, follow=True)
    assert messages_of(response) == [
        vi(
            "%(count)d grant is recorded as handed over.",
            "%(count)d grants are recorded as handed over.",
            2,
        )
        % {"count": 2}
    ]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == GrantStatus.HANDED_OVER
    assert first.receipt == second.receipt
    receipt_url = reverse("welfare:officer_receipt", args=[first.receipt.pk])
    assert client.get(receipt_url).status_code == 200
    assert logged_in(builder_officer).get(receipt_url).status_code == 404
    # Another branch cannot record a handover for the school.
    assert logged_in(builder_officer).get(url).status_code == 404


# ---------------------------------------------------------------------------------------
# Loans


def test_the_overdue_list_is_scoped(tree, members, school_officer, builder_officer, admin_user):
    from tests.welfare.factories import make_programme

    make_terms(date(2024, 1, 1))
    fund = make_programme(
        tree.province,
        kind="loan",
        name="Cho vay Quỹ quốc gia về việc làm",
        budget=None,
        year=2024,
        starts_on=date(2024, 1, 1),
        ends_on=date(2030, 12, 31),
    )
    disbursed = today() - timedelta(days=200)
    loans = {}
    for key, unit in (("huong", tree.school), ("trang", tree.clinic)):
        loans[key] = services.create_loan(
            loan=Loan(
                programme=fund,
                unit=unit,
                borrower=members[key],
                purpose="Mở rộng xưởng may gia công",
                jobs_created=2,
                principal=24_000_000,
                term_months=24,
                disbursed_on=disbursed,
            ),
            user=admin_user,
        )
    client = logged_in(school_officer)
    response = client.get(reverse("welfare:officer_overdue"))
    page = response.content.decode()
    assert "Lò Thị Hương" in page
    assert "Phạm Thu Trang" not in page
    assert "đồng" in page
    detail = client.get(reverse("welfare:officer_loan", args=[loans["huong"].pk]))
    assert detail.status_code == 200
    assert shows(detail, vi("Repayment schedule"))
    assert client.get(reverse("welfare:officer_loan", args=[loans["trang"].pk])).status_code == 404
    assert (
        "Lò Thị Hương"
        not in logged_in(builder_officer).get(reverse("welfare:officer_overdue")).content.decode()
    )


def test_the_overdue_list_finds_the_loans_in_arrears_once_and_pages_them_oldest_first(
    tree, members, admin_user, province_officer, monkeypatch
):
    from tests.welfare.factories import make_programme
    from welfare import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    make_terms(date(2024, 1, 1))
    fund = make_programme(
        tree.province, kind="loan", budget=None, year=2024, starts_on=date(2024, 1, 1)
    )
    # Nothing repaid: three loans overdue since a month after they were paid out, one
    # paid out ten days ago not yet due.
    for key, unit, days in (
        ("trang", tree.clinic, 100),
        ("huong", tree.school, 200),
        ("mai", tree.builder, 150),
        ("on", tree.school, 10),
    ):
        services.create_loan(
            loan=Loan(
                programme=fund,
                unit=unit,
                borrower=members[key],
                purpose="Chăn nuôi bò sinh sản",
                principal=24_000_000,
                term_months=24,
                disbursed_on=today() - timedelta(days=days),
            ),
            user=admin_user,
        )
    client = logged_in(province_officer)
    url = reverse("welfare:officer_overdue")
    client.get(url)  # warm the menu's cache
    with CaptureQueriesContext(connection) as captured:
        first = client.get(url).content.decode()
    # The open loans are searched for arrears once: that search counts them and orders
    # them; only the page's loans are then read with their position.
    searched = [query["sql"] for query in captured if '"repaid_on" IS NULL' in query["sql"]]
    assert len(searched) == 1
    assert 'INNER JOIN "welfare_loan"' not in searched[0]  # each loan's sums, no join
    assert re.search(r'<p class="result-count" role="status">\s*3 ', first)
    assert first.index("Lò Thị Hương") < first.index("Trần Thị Mai")
    assert "Phạm Thu Trang" not in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "Phạm Thu Trang" in second
    assert "Lò Thị Hương" not in second
    assert "Quàng Văn Ơn" not in first + second


# ---------------------------------------------------------------------------------------
# The officer's programmes and the navigation


def test_the_officer_sees_the_programmes_open_to_the_unit_with_its_quota(
    tet, tree, members, school_officer, ward_officer, admin_user
):
    services.hand_out_quota(programme=tet, unit=tree.ward, user=admin_user, places=5)
    services.hand_out_quota(programme=tet, unit=tree.school, user=ward_officer, places=2)
    grant = propose(tet, tree.school, members["huong"], user=school_officer)
    services.approve_grant(grant=grant, user=ward_officer)
    Programme.objects.filter(pk=tet.pk).update(name="Tết Sum vầy 2026")
    client = logged_in(school_officer)
    response = client.get(reverse("welfare:officer_home"))
    assert shows(response, "Tết Sum vầy 2026")
    assert shows(
        response, vi("%(used)s of %(limit)s suất used, %(left)s left", used=1, limit=2, left=1)
    )
    assert shows(response, vi("Welfare"))  # the officer area's navigation


# ---------------------------------------------------------------------------------------
# Query counts


def _count(client, url) -> int:
    client.get(url)  # warm the menu's cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_proposals_and_review_pages_do_not_grow_with_the_proposals(
    tet, tree, members, school_officer, ward_officer
):
    from tests.welfare.factories import person

    unit_url = reverse("welfare:officer_unit", args=[tet.slug, tree.ward.pk])
    review_url = reverse("welfare:officer_review", args=[tet.slug, tree.ward.pk])
    client = logged_in(ward_officer)
    propose(tet, tree.school, members["huong"], user=school_officer)
    few = (_count(client, unit_url), _count(client, review_url))
    for number in range(6):
        member = person(
            tree.school, f"Đoàn Viên Số {number}", national_id=f"0111900000{number:02d}"
        )
        services.propose_grant(
            grant=Grant(
                programme=tet,
                unit=tree.school,
                member=member,
                circumstances=CIRCUMSTANCES,
                cash_amount=1_000_000,
            ),
            user=school_officer,
            files=[("application", upload(f"Đơn {number}.pdf", pdf_bytes(f"Don {number}")))],
        )
    many = (_count(client, unit_url), _count(client, review_url))
    assert many == few
    assert many[0] <= 16
    assert many[1] <= 16
