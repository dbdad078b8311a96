"""Employment-fund loans: disbursal within the terms of the day, the schedule,
repayments, arrears and reminders.

The schedule (chosen and written once, at disbursal): the principal is repaid in equal
monthly instalments (the remainder of the division in the last one), and each month's
interest is the month's rate on the principal still owed by the schedule before that
instalment, rounded to the đồng. A borrower who repays early simply has paid ahead;
arrears are what the schedule asked for by a day, less what was repaid by that day
(principal and interest each), and they start on the due day of the oldest instalment
not fully paid (`LoanQuerySet.with_position`).

A repayment never exceeds what is outstanding: its principal part the balance, its
interest part the schedule's interest not yet paid. A loan is repaid the day its balance
reaches zero.
"""

import calendar
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.text import format_date, format_money
from members import scope
from members.models import Member, MemberStatus
from welfare.models import (
    Behaviour,
    Loan,
    LoanTerms,
    Programme,
    ProgrammeStatus,
    Repayment,
    ScheduledPayment,
)
from welfare.services.common import mail_after_commit, officer_emails

# An overdue loan's officers and borrower are reminded at most this often.
REMIND_EVERY_DAYS = 7


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def terms_on(day: date) -> LoanTerms | None:
    """The fund's terms valid on `day` (the latest that started by then)."""
    return LoanTerms.objects.valid_on(day).first()


def schedule_for(principal: int, monthly_rate: Decimal, term_months: int, disbursed_on: date):
    """The instalments of a loan: equal monthly principal, interest on what is still owed."""
    base, remainder = divmod(principal, term_months)
    owed, rows = principal, []
    principal_total = interest_total = 0
    for number in range(1, term_months + 1):
        part = base + (remainder if number == term_months else 0)
        interest = int(
            (Decimal(owed) * monthly_rate / 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        )
        principal_total += part
        interest_total += interest
        rows.append(
            ScheduledPayment(
                number=number,
                due_on=add_months(disbursed_on, number),
                principal_due=part,
                interest_due=interest,
                principal_cumulative=principal_total,
                interest_cumulative=interest_total,
            )
        )
        owed -= part
    return rows


def check_loan(loan: Loan) -> LoanTerms:
    """Refuse a loan that breaks the fund's rules; the terms valid on its disbursal day.

    Fills in what the rules decide: the rate of those terms and the maturity.
    """
    programme = Programme.objects.select_related("kind", "unit").get(pk=loan.programme_id)
    if programme.kind.behaviour != Behaviour.LOAN:
        raise ValidationError({"programme": _("This programme does not lend money.")})
    if programme.status in (ProgrammeStatus.PLANNED, ProgrammeStatus.SETTLED):
        raise ValidationError({"programme": _("This programme is not lending now.")})
    if not loan.unit.is_within(programme.unit):
        raise ValidationError({"unit": _("This programme is not run for this unit.")})
    borrower = Member.objects.in_subtree(loan.unit).filter(pk=loan.borrower_id).first()
    if borrower is None:
        raise ValidationError({"borrower": _("This member is not in the unit.")})
    if borrower.status != MemberStatus.ACTIVE:
        raise ValidationError({"borrower": _("This member is no longer active.")})
    if loan.disbursed_on is None or loan.disbursed_on > timezone.localdate():
        raise ValidationError({"disbursed_on": _("A loan is recorded once it is paid out.")})
    terms = terms_on(loan.disbursed_on)
    if terms is None:
        raise ValidationError(
            {
                "disbursed_on": _("No terms of the fund are recorded for %(day)s.")
                % {"day": format_date(loan.disbursed_on)}
            }
        )
    if not loan.principal or loan.principal > terms.ceiling:
        raise ValidationError(
            {
                "principal": _("A loan is at most %(ceiling)s for one borrower (terms of %(day)s).")
                % {"ceiling": format_money(terms.ceiling), "day": f"{terms.valid_from:%d/%m/%Y}"}
            }
        )
    if not loan.term_months or loan.term_months > terms.max_term_months:
        raise ValidationError(
            {
                "term_months": _("A loan runs for at most %(months)d months.")
                % {"months": terms.max_term_months}
            }
        )
    loan.purpose = (loan.purpose or "").strip()
    loan.monthly_rate = terms.monthly_rate
    loan.matures_on = add_months(loan.disbursed_on, loan.term_months)
    return terms


@transaction.atomic
def create_loan(*, loan: Loan, user) -> Loan:
    """Record a disbursed loan with the rate and ceiling valid on the day it was paid out,
    and write its schedule."""
    if not scope.may_act_on(user, loan.unit, "welfare.add_loan"):
        raise PermissionDenied(_("You may not record loans for this unit."))
    check_loan(loan)
    loan.recorded_by = user
    loan.full_clean(exclude=["programme", "borrower", "unit", "recorded_by"])
    loan.save()
    rows = schedule_for(loan.principal, loan.monthly_rate, loan.term_months, loan.disbursed_on)
    for row in rows:
        row.loan = loan
    ScheduledPayment.objects.bulk_create(rows)
    return loan


def position_of(loan: Loan, day: date | None = None) -> Loan:
    """The loan with its balance, arrears and overdue days on `day` (one query)."""
    return Loan.objects.with_position(day).select_related("borrower", "unit").get(pk=loan.pk)


def check_repayment(
    loan: Loan, *, paid_on: date, principal: int = 0, interest: int = 0, pending=(0, 0)
) -> bool:
    """Refuse a repayment the loan cannot take; True when it repays the loan.

    `pending` is (principal, interest) of repayments about to be recorded with this one.
    """
    if loan.written_off_on:
        raise ValidationError(_("This loan was written off."))
    if loan.repaid_on:
        raise ValidationError(_("This loan is already repaid."))
    principal, interest = int(principal or 0), int(interest or 0)
    if principal < 0 or interest < 0 or principal + interest == 0:
        raise ValidationError(_("Give the principal or the interest repaid."))
    if paid_on is None or paid_on < loan.disbursed_on or paid_on > timezone.localdate():
        raise ValidationError(
            {"paid_on": _("The repayment date must be between the disbursal and today.")}
        )
    paid = loan.repayments.aggregate(
        principal=Coalesce(Sum("principal"), 0), interest=Coalesce(Sum("interest"), 0)
    )
    balance = loan.principal - paid["principal"] - pending[0]
    if principal > balance:
        raise ValidationError(
            {
                "principal": _(
                    "The principal repaid (%(paid)s) is more than the balance of %(balance)s."
                )
                % {"paid": format_money(principal), "balance": format_money(balance)}
            }
        )
    scheduled = loan.schedule.aggregate(total=Coalesce(Sum("interest_due"), 0))["total"]
    interest_left = max(scheduled - paid["interest"] - pending[1], 0)
    if interest > interest_left:
        raise ValidationError(
            {
                "interest": _(
                    "The interest repaid (%(paid)s) is more than the %(left)s still owed."
                )
                % {"paid": format_money(interest), "left": format_money(interest_left)}
            }
        )
    return principal == balance


@transaction.atomic
def record_repayment(
    *, loan: Loan, paid_on: date, user, principal: int = 0, interest: int = 0
) -> Repayment:
    """A repayment, never more than what is outstanding; the loan is repaid at zero."""
    if not scope.may_act_on(user, loan.unit, "welfare.add_repayment"):
        raise PermissionDenied(_("You may not record repayments for this unit."))
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    repays = check_repayment(loan, paid_on=paid_on, principal=principal, interest=interest)
    repayment = Repayment.objects.create(
        loan=loan,
        paid_on=paid_on,
        principal=int(principal or 0),
        interest=int(interest or 0),
        recorded_by=user,
    )
    if repays:
        loan.repaid_on = paid_on
        loan.save(update_fields=["repaid_on"])
    return repayment


@transaction.atomic
def write_off_loan(*, loan: Loan, on: date, reason: str, user) -> Loan:
    """Write a loan off (the borrower died, a disaster, …): stored, with the reason."""
    if not user.has_perm("welfare.change_loan"):
        raise PermissionDenied(_("Only federation staff write loans off."))
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the loan is written off.")})
    if loan.repaid_on or loan.written_off_on:
        raise ValidationError(_("Only an open loan can be written off."))
    if on is None or on < loan.disbursed_on or on > timezone.localdate():
        raise ValidationError({"on": _("The date must be between the disbursal and today.")})
    loan.written_off_on, loan.written_off_reason = on, reason
    loan.save(update_fields=["written_off_on", "written_off_reason"])
    return loan


def overdue_loans(*, user, day: date | None = None, unit=None):
    """The overdue loans a user may see (of `unit`'s subtree if given), oldest arrears
    first, each with its position on `day`."""
    loans = Loan.objects.overdue(day).select_related("borrower", "unit")
    if unit is not None:
        loans = loans.in_subtree(unit)
    return scope.scope(loans, user, permission="welfare.view_loan")


def remind_overdue_loans(*, day: date | None = None) -> int:
    """Mail the borrower and the unit's officers of each overdue loan not reminded in the
    last REMIND_EVERY_DAYS days; returns how many loans were reminded."""
    day = day or timezone.localdate()
    recent = day - timedelta(days=REMIND_EVERY_DAYS)
    loans = (
        Loan.objects.overdue(day)
        .exclude(reminded_on__gt=recent)
        .select_related("borrower", "unit", "programme")
    )
    reminded = 0
    for loan in loans:
        recipients = [loan.borrower.email, *officer_emails(loan.unit_id)]
        with transaction.atomic():
            mail_after_commit(
                _("Loan repayment overdue: %(name)s") % {"name": loan.borrower.full_name},
                _(
                    "The loan of %(name)s (%(unit)s), paid out on %(disbursed)s, has "
                    "%(amount)s overdue since %(since)s (%(days)d days). Please repay it or "
                    "contact the union."
                )
                % {
                    "name": loan.borrower.full_name,
                    "unit": loan.unit.name,
                    "disbursed": format_date(loan.disbursed_on),
                    "amount": format_money(loan.overdue_amount),
                    "since": format_date(loan.overdue_since),
                    "days": loan.overdue_days(day),
                },
                recipients,
            )
            Loan.objects.filter(pk=loan.pk).update(reminded_on=day)
        reminded += 1
    return reminded
