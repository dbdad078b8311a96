"""Staff's welfare desk: the role's rights, the review actions, loans, the accounting export."""

import io
import re
from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook

from federation import roles
from members.models import PersonalDataExport
from tests.helpers import text_of, vi
from tests.welfare.factories import make_programme, make_terms, propose, today
from welfare import services
from welfare.models import GrantStatus, Loan, Quota

CHANGELIST = "admin:welfare_grant_changelist"


def admin_messages(response) -> list[str]:
    """The messages the admin shows at the top of a page."""
    found = re.search(r'<ul class="messagelist">(.*?)</ul>', text_of(response), re.S)
    return re.findall(r"<li[^>]*>(.*?)</li>", found.group(1), re.S) if found else []


def act(client, action, grants, **extra):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [grant.pk for grant in grants], **extra},
        follow=True,
    )


def test_the_welfare_officer_holds_welfare_permissions_and_no_others(db):
    group = Group.objects.get(name=roles.WELFARE_OFFICER)
    labels = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert labels == {"welfare"}
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_grant", "view_loan", "add_repayment", "change_quota"} <= codenames
    assert "delete_grant" not in codenames  # a proposal is rejected, never deleted


def test_a_welfare_officer_approves_from_the_admin_and_sees_refusals_as_messages(
    welfare_client, tree, members, admin_user, school_officer
):
    small = make_programme(tree.province, name="Thăm hỏi ốm đau", budget=1_000_000)
    first = propose(small, tree.school, members["huong"], user=school_officer)
    second = propose(small, tree.school, members["on"], user=school_officer)
    page = act(welfare_client, "approve", [first, second])
    assert page.status_code == 200
    first.refresh_from_db()
    second.refresh_from_db()
    assert {first.status, second.status} == {GrantStatus.APPROVED, GrantStatus.PROPOSED}
    shown = " ".join(admin_messages(page))
    assert "0 đồng" in shown  # what the budget leaves, said for the refused one
    approved = vi("%(count)d proposal approved.", "%(count)d proposals approved.", 1)
    assert approved % {"count": 1} in shown


def test_returning_from_the_admin_asks_for_a_reason(
    welfare_client, tet, tree, members, school_officer
):
    grant = propose(tet, tree.school, members["huong"], user=school_officer)
    asked = act(welfare_client, "return_to_unit", [grant])
    assert asked.status_code == 200
    assert "Lò Thị Hương" in text_of(asked)
    grant.refresh_from_db()
    assert grant.status == GrantStatus.PROPOSED
    empty = act(welfare_client, "return_to_unit", [grant], apply="1", reason="")
    grant.refresh_from_db()
    assert grant.status == GrantStatus.PROPOSED
    assert empty.status_code == 200
    act(welfare_client, "return_to_unit", [grant], apply="1", reason="Thiếu đơn đề nghị.")
    grant.refresh_from_db()
    assert grant.status == GrantStatus.RETURNED
    assert grant.reason == "Thiếu đơn đề nghị."


def test_the_accounting_export_has_every_beneficiary_as_text_and_subtotals_by_unit(
    welfare_client, tet, tree, members, school_officer, builder_officer, ward_officer
):
    members["on"].full_name = '=HYPERLINK("http://x.example","Quàng Văn Ơn")'
    # Names are written by the register's rules; this one came through an old import.
    type(members["on"]).objects.filter(pk=members["on"].pk).update(
        full_name=members["on"].full_name
    )
    for member, unit, officer in (
        (members["huong"], tree.school, school_officer),
        (members["on"], tree.school, school_officer),
        (members["mai"], tree.builder, builder_officer),
    ):
        grant = propose(tet, unit, member, user=officer)
        services.approve_grant(grant=grant, user=ward_officer)
    response = welfare_client.post(
        reverse("admin:welfare_programme_changelist"),
        {"action": "export_accounting", "_selected_action": [tet.pk]},
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    names = [row[2] for row in rows]
    formula = next(
        cell
        for row in sheet.iter_rows()
        for cell in row
        if cell.value and str(cell.value).startswith("=HYPER")
    )
    assert formula.data_type == "s"
    assert "Lò Thị Hương" in names
    by_label = {row[1]: row for row in rows if row[1]}
    # Units in the tree's order (the school was founded first), each with its subtotal.
    school = by_label[vi("Subtotal: %(unit)s", unit=tree.school.name)]
    builder = by_label[vi("Subtotal: %(unit)s", unit=tree.builder.name)]
    assert (school[7], school[8]) == (2_000_000, 2)
    assert (builder[7], builder[8]) == (1_000_000, 1)
    assert rows.index(school) < rows.index(builder)
    assert rows[-1][1] == vi("Total")
    assert rows[-1][7] == 3_000_000
    assert PersonalDataExport.objects.filter(user__username="hoang.thi.lan", rows=3).exists()


def test_quotas_inline_refuses_more_than_the_budget_on_the_form(welfare_client, tet, tree):
    url = reverse("admin:welfare_programme_change", args=[tet.pk])
    page = welfare_client.get(url)
    assert page.status_code == 200
    form = {
        "name": tet.name,
        "slug": tet.slug,
        "kind": tet.kind_id,
        "unit": tet.unit_id,
        "year": tet.year,
        "starts_on": f"{tet.year}-01-01",
        "ends_on": f"{tet.year}-12-31",
        "status": tet.status,
        "is_public": "on",
        "description": "",
        "eligibility": "",
        "housing_repeat_years": 5,
        "standard_amounts-TOTAL_FORMS": 0,
        "standard_amounts-INITIAL_FORMS": 0,
        "funding_sources-TOTAL_FORMS": 1,
        "funding_sources-INITIAL_FORMS": 1,
        "funding_sources-0-id": tet.funding_sources.get().pk,
        "funding_sources-0-programme": tet.pk,
        "funding_sources-0-kind": "union",
        "funding_sources-0-pledged": 100_000_000,
        "quotas-TOTAL_FORMS": 2,
        "quotas-INITIAL_FORMS": 0,
        "quotas-0-unit": tree.ward.pk,
        "quotas-0-amount": 60_000_000,
        "quotas-0-programme": tet.pk,
        "quotas-1-unit": tree.commune.pk,
        "quotas-1-amount": 50_000_000,
        "quotas-1-programme": tet.pk,
    }
    refused = welfare_client.post(url, form)
    assert refused.status_code == 200
    assert "110.000.000 đồng" in text_of(refused)
    assert not Quota.objects.exists()
    form["quotas-1-amount"] = 40_000_000
    saved = welfare_client.post(url, form)
    assert saved.status_code == 302
    assert Quota.objects.count() == 2


def test_the_loan_list_shows_arrears_and_filters_overdue_loans(
    welfare_client, tree, members, school_officer
):
    make_terms(date(2024, 1, 1))
    fund = make_programme(
        tree.province,
        kind="loan",
        budget=None,
        year=2024,
        starts_on=date(2024, 1, 1),
        ends_on=date(2030, 12, 31),
    )
    late = services.create_loan(
        loan=Loan(
            programme=fund,
            unit=tree.school,
            borrower=members["huong"],
            purpose="Chăn nuôi bò sinh sản",
            principal=24_000_000,
            term_months=24,
            disbursed_on=today() - timedelta(days=95),
        ),
        user=school_officer,
    )
    services.create_loan(
        loan=Loan(
            programme=fund,
            unit=tree.school,
            borrower=members["on"],
            purpose="Mở cửa hàng sửa xe",
            principal=24_000_000,
            term_months=24,
            disbursed_on=today() - timedelta(days=5),
        ),
        user=school_officer,
    )
    url = reverse("admin:welfare_loan_changelist")
    page = welfare_client.get(url, {"status": "overdue"})
    assert page.status_code == 200
    assert "Lò Thị Hương" in text_of(page)
    assert "Quàng Văn Ơn" not in text_of(page)
    current = text_of(welfare_client.get(url, {"status": "current"}))
    assert "Quàng Văn Ơn" in current
    assert "Lò Thị Hương" not in current
    change = welfare_client.get(reverse("admin:welfare_loan_change", args=[late.pk]))
    assert change.status_code == 200


def test_a_repayment_too_large_is_refused_on_the_admin_form(
    welfare_client, tree, members, school_officer
):
    make_terms(date(2024, 1, 1))
    fund = make_programme(
        tree.province,
        kind="loan",
        budget=None,
        year=2024,
        starts_on=date(2024, 1, 1),
        ends_on=date(2030, 12, 31),
    )
    made = services.create_loan(
        loan=Loan(
            programme=fund,
            unit=tree.school,
            borrower=members["huong"],
            purpose="Chăn nuôi bò sinh sản",
            principal=10_000_000,
            term_months=10,
            disbursed_on=date(2024, 2, 1),
        ),
        user=school_officer,
    )
    url = reverse("admin:welfare_loan_change", args=[made.pk])
    form = {
        "purpose": made.purpose,
        "jobs_created": 0,
        "repayments-TOTAL_FORMS": 1,
        "repayments-INITIAL_FORMS": 0,
        "repayments-0-paid_on": "2024-03-01",
        "repayments-0-principal": 10_000_001,
        "repayments-0-interest": 0,
        "repayments-0-loan": made.pk,
        "schedule-TOTAL_FORMS": 0,
        "schedule-INITIAL_FORMS": 0,
    }
    refused = welfare_client.post(url, form)
    assert refused.status_code == 200
    assert "10.000.000 đồng" in text_of(refused)
    assert not made.repayments.exists()
    form["repayments-0-principal"] = 10_000_000
    saved = welfare_client.post(url, form)
    assert saved.status_code == 302
    made.refresh_from_db()
    assert made.repaid_on == date(2024, 3, 1)


def test_every_welfare_admin_page_opens_for_the_welfare_officer(welfare_client, tet):
    for model in (
        "programmekind",
        "programme",
        "grant",
        "receipt",
        "housingaid",
        "scholarship",
        "loanterms",
        "loan",
        "partner",
    ):
        response = welfare_client.get(reverse(f"admin:welfare_{model}_changelist"))
        assert response.status_code == 200, model
    assert (
        welfare_client.get(reverse("admin:welfare_programme_change", args=[tet.pk])).status_code
        == 200
    )
    assert welfare_client.get(reverse("admin:welfare_programme_add")).status_code == 200
    assert welfare_client.get(reverse("admin:welfare_partner_add")).status_code == 200
    assert welfare_client.get(reverse("admin:members_member_changelist")).status_code == 403
