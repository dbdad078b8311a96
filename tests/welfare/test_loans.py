"""Employment-fund loans: terms of the day, schedule, repayments, arrears, reminders."""

from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tests.welfare.factories import make_officer, make_programme, make_terms, today
from welfare import services
from welfare.models import Loan, LoanStatus


def message(error) -> str:
    return " ".join(error.value.messages)


@pytest.fixture
def fund(tree, admin_user):
    """The employment fund's lending, run by the province; the terms changed two years ago."""
    make_terms(date(2015, 1, 1), valid_until=date(2023, 12, 31), ceiling=50_000_000, rate="0.660")
    make_terms(date(2024, 1, 1), ceiling=100_000_000, rate="0.550")
    return make_programme(
        tree.province,
        kind="loan",
        name="Cho vay Quỹ quốc gia về việc làm",
        budget=None,
        year=2024,
        starts_on=date(2024, 1, 1),
        ends_on=date(2030, 12, 31),
    )


def loan(fund, unit, borrower, *, principal, disbursed_on, months=24, user):
    return services.create_loan(
        loan=Loan(
            programme=fund,
            unit=unit,
            borrower=borrower,
            purpose="Mở rộng xưởng may gia công",
            jobs_created=3,
            principal=principal,
            term_months=months,
            disbursed_on=disbursed_on,
        ),
        user=user,
    )


def test_the_ceiling_and_rate_are_those_valid_on_the_disbursal_day(
    fund, tree, members, school_officer
):
    old = loan(
        fund,
        tree.school,
        members["huong"],
        principal=50_000_000,
        disbursed_on=date(2023, 6, 1),
        user=school_officer,
    )
    assert old.monthly_rate == Decimal("0.660")
    with pytest.raises(ValidationError) as error:
        loan(
            fund,
            tree.school,
            members["on"],
            principal=80_000_000,
            disbursed_on=date(2023, 6, 1),
            user=school_officer,
        )
    assert "50.000.000 đồng" in message(error)
    assert not Loan.objects.filter(borrower=members["on"]).exists()
    new = loan(
        fund,
        tree.school,
        members["on"],
        principal=80_000_000,
        disbursed_on=date(2024, 3, 1),
        user=school_officer,
    )
    assert new.monthly_rate == Decimal("0.550")
    with pytest.raises(ValidationError) as error:
        loan(
            fund,
            tree.school,
            members["on"],
            principal=100_000_001,
            disbursed_on=date(2024, 3, 1),
            user=school_officer,
        )
    assert "100.000.000 đồng" in message(error)


def test_the_schedule_repays_equal_principal_with_interest_on_what_is_owed(
    fund, tree, members, school_officer
):
    made = loan(
        fund,
        tree.school,
        members["huong"],
        principal=10_000_000,
        months=3,
        disbursed_on=date(2024, 1, 31),
        user=school_officer,
    )
    rows = list(made.schedule.values_list("due_on", "principal_due", "interest_due"))
    assert rows == [
        (date(2024, 2, 29), 3_333_333, 55_000),
        (date(2024, 3, 31), 3_333_333, 36_667),
        (date(2024, 4, 30), 3_333_334, 18_333),
    ]
    assert made.matures_on == date(2024, 4, 30)


def test_a_repayment_above_what_is_outstanding_is_refused_and_the_loan_is_repaid_at_zero(
    fund, tree, members, school_officer
):
    made = loan(
        fund,
        tree.school,
        members["huong"],
        principal=10_000_000,
        months=3,
        disbursed_on=date(2024, 1, 31),
        user=school_officer,
    )
    services.record_repayment(
        loan=made,
        paid_on=date(2024, 2, 29),
        principal=4_000_000,
        interest=55_000,
        user=school_officer,
    )
    with pytest.raises(ValidationError) as error:
        services.record_repayment(
            loan=made, paid_on=date(2024, 3, 31), principal=6_000_001, user=school_officer
        )
    assert "6.000.000 đồng" in message(error)
    with pytest.raises(ValidationError):
        services.record_repayment(
            loan=made, paid_on=date(2024, 3, 31), interest=60_000, user=school_officer
        )
    assert made.repayments.count() == 1
    services.record_repayment(
        loan=made,
        paid_on=date(2024, 3, 31),
        principal=6_000_000,
        interest=55_000,
        user=school_officer,
    )
    position = services.position_of(made)
    assert position.balance == 0
    assert position.status_on() == LoanStatus.REPAID
    assert position.repaid_on == date(2024, 3, 31)


def test_arrears_and_days_overdue_are_computed_as_of_a_day(fund, tree, members, school_officer):
    made = loan(
        fund,
        tree.school,
        members["huong"],
        principal=12_000_000,
        months=12,
        disbursed_on=date(2024, 1, 10),
        user=school_officer,
    )
    # The first instalment is paid in full, the second not at all.
    first = made.schedule.get(number=1)
    services.record_repayment(
        loan=made,
        paid_on=date(2024, 2, 10),
        principal=1_000_000,
        interest=first.interest_due,
        user=school_officer,
    )
    second = made.schedule.get(number=2)
    third = made.schedule.get(number=3)
    on = date(2024, 4, 20)  # the second and third instalments are due and unpaid
    position = services.position_of(made, on)
    assert position.overdue_since == date(2024, 3, 10)
    assert position.overdue_days(on) == 41
    assert position.overdue_amount == second.amount_due + third.amount_due
    assert position.balance == 11_000_000
    assert position.status_on(on) == LoanStatus.OVERDUE
    # The day before the second instalment falls due, the loan is current.
    early = services.position_of(made, date(2024, 3, 9))
    assert early.status_on() == LoanStatus.CURRENT
    assert early.overdue_amount == 0
    # Part of the second instalment paid: still overdue since its due day.
    services.record_repayment(
        loan=made, paid_on=date(2024, 3, 15), principal=500_000, user=school_officer
    )
    position = services.position_of(made, on)
    assert position.overdue_since == date(2024, 3, 10)
    assert position.overdue_amount == second.amount_due + third.amount_due - 500_000


def test_a_loan_behind_on_its_interest_alone_is_overdue_and_one_paid_ahead_is_not(
    fund, tree, members, school_officer
):
    on = date(2024, 4, 20)  # three instalments due
    behind = loan(
        fund,
        tree.school,
        members["huong"],
        principal=12_000_000,
        months=12,
        disbursed_on=date(2024, 1, 10),
        user=school_officer,
    )
    ahead = loan(
        fund,
        tree.school,
        members["on"],
        principal=12_000_000,
        months=12,
        disbursed_on=date(2024, 1, 10),
        user=school_officer,
    )
    schedule = list(behind.schedule.order_by("number"))
    # The principal of six instalments, but the interest of two only.
    services.record_repayment(
        loan=behind,
        paid_on=date(2024, 2, 10),
        principal=6_000_000,
        interest=schedule[0].interest_due + schedule[1].interest_due,
        user=school_officer,
    )
    # Six instalments in full, the day the first fell due.
    services.record_repayment(
        loan=ahead,
        paid_on=date(2024, 2, 10),
        principal=6_000_000,
        interest=sum(row.interest_due for row in schedule[:6]),
        user=school_officer,
    )
    overdue = list(Loan.objects.overdue(on))
    assert overdue == [behind]
    assert overdue[0].overdue_since == schedule[2].due_on
    assert overdue[0].overdue_amount == schedule[2].interest_due
    assert services.position_of(ahead, on).status_on(on) == LoanStatus.CURRENT


def test_the_overdue_list_is_scoped_and_reminders_are_queued(
    fund,
    tree,
    members,
    school_officer,
    builder_officer,
    ward_officer,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    members["huong"].email = "huong.lo@example.vn"
    members["huong"].save()
    late = loan(
        fund,
        tree.school,
        members["huong"],
        principal=12_000_000,
        months=12,
        disbursed_on=today() - timedelta(days=100),
        user=school_officer,
    )
    on_time = loan(
        fund,
        tree.builder,
        members["mai"],
        principal=12_000_000,
        months=12,
        disbursed_on=today() - timedelta(days=10),
        user=builder_officer,
    )
    assert list(services.overdue_loans(user=ward_officer)) == [late]
    assert list(services.overdue_loans(user=builder_officer)) == []
    assert on_time not in services.overdue_loans(user=school_officer)

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_overdue_loans", stdout=out)
    assert "1" in out.getvalue()
    assert len(mailoutbox) == 1
    assert set(mailoutbox[0].to) == {"huong.lo@example.vn", school_officer.email}
    assert "Lò Thị Hương" in mailoutbox[0].body
    assert "đồng" in mailoutbox[0].body
    # Not again the next day: once a week at most.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_overdue_loans(day=today() + timedelta(days=1)) == 0
    assert len(mailoutbox) == 1


def test_a_borrower_outside_the_unit_is_refused(fund, tree, members):
    officer = make_officer("ca.van.on", tree.commune)
    with pytest.raises(ValidationError):
        loan(
            fund,
            tree.clinic,
            members["huong"],
            principal=10_000_000,
            disbursed_on=date(2024, 5, 1),
            user=officer,
        )
