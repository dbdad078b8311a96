"""The welfare rules, split by job; `from welfare import services` reaches them all.

- welfare.services.programmes: programmes, budgets, quotas handed and passed down, totals.
- welfare.services.grants: proposals, duplicates, review under row locks, handover, houses.
- welfare.services.loans: employment-fund loans, schedules, repayments, arrears, reminders.
- welfare.services.partners: partner businesses.

Who may act on which unit is members.scope, which these call.
"""

from welfare.services.grants import (
    MAX_FILES,
    approve_grant,
    attach_grant_file,
    duplicates_of,
    hand_over,
    may_propose,
    may_review,
    propose_grant,
    reject_grant,
    return_grant,
    save_housing,
    save_housing_photo,
)
from welfare.services.loans import (
    REMIND_EVERY_DAYS,
    add_months,
    create_loan,
    overdue_loans,
    position_of,
    record_repayment,
    remind_overdue_loans,
    schedule_for,
    terms_on,
    write_off_loan,
)
from welfare.services.partners import save_partner
from welfare.services.programmes import (
    QuotaRow,
    budget_of,
    check_quotas,
    counted_sums,
    hand_out_quota,
    may_hand_out,
    programme_totals,
    quota_chain,
    quota_usage,
    save_programme,
    save_quotas,
    take_back_quota,
    totals_by_branch,
    totals_by_kind,
    totals_by_programme,
    totals_by_year,
    unit_welfare_figures,
)

__all__ = [
    "MAX_FILES",
    "REMIND_EVERY_DAYS",
    "QuotaRow",
    "add_months",
    "approve_grant",
    "attach_grant_file",
    "budget_of",
    "check_quotas",
    "counted_sums",
    "create_loan",
    "duplicates_of",
    "hand_out_quota",
    "hand_over",
    "may_hand_out",
    "may_propose",
    "may_review",
    "overdue_loans",
    "position_of",
    "programme_totals",
    "propose_grant",
    "quota_chain",
    "quota_usage",
    "record_repayment",
    "reject_grant",
    "remind_overdue_loans",
    "return_grant",
    "save_housing",
    "save_housing_photo",
    "save_partner",
    "save_programme",
    "save_quotas",
    "schedule_for",
    "take_back_quota",
    "terms_on",
    "totals_by_branch",
    "totals_by_kind",
    "totals_by_programme",
    "totals_by_year",
    "unit_welfare_figures",
    "write_off_loan",
]
