"""The accounting workbook of a programme: every beneficiary, with subtotals by unit.

Written through federation.spreadsheets.WorkbookWriter, so whatever an officer typed (a
name beginning with "=", say) is a text cell, never a formula.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from federation.spreadsheets import WorkbookWriter
from welfare.models import COUNTED, Grant, GrantStatus, Programme

WIDTHS = (6, 40, 30, 30, 14, 14, 30, 14, 8, 16, 14, 14)


def _headings():
    return [
        _("No."),
        _("Unit"),
        _("Beneficiary"),
        _("Related member"),
        _("Cash (đồng)"),
        _("Value in kind (đồng)"),
        _("In kind"),
        _("Total (đồng)"),
        _("Suất"),
        _("Status"),
        _("Handed over on"),
        _("Signed receipt"),
    ]


def _subtotal(label, sums):
    return ["", label, "", "", sums[0], sums[1], "", sums[0] + sums[1], sums[2], "", "", ""]


def write_programme(book: WorkbookWriter, programme: Programme) -> int:
    """One sheet: the approved and handed-over grants of `programme` by unit; returns the
    number of beneficiaries written."""
    sheet = book.sheet(programme.name, widths=WIDTHS)
    sheet.append([programme.name], bold=True, size=13)
    sheet.append(
        [
            _("Running unit: %(unit)s · year %(year)s · exported %(when)s")
            % {
                "unit": programme.unit.name,
                "year": programme.year,
                "when": f"{timezone.localtime():%d/%m/%Y %H:%M}",
            }
        ]
    )
    sheet.append([])
    sheet.append(_headings(), bold=True)
    grants = (
        Grant.objects.filter(programme=programme, status__in=COUNTED)
        .select_related("unit", "member", "for_member")
        .order_by("unit__path", "pk")
    )
    total, unit_sums, current, number = [0, 0, 0], None, None, 0
    for grant in grants.iterator(chunk_size=2000):
        if current is not None and grant.unit_id != current.pk:
            sheet.append(
                _subtotal(_("Subtotal: %(unit)s") % {"unit": current.name}, unit_sums), bold=True
            )
        if current is None or grant.unit_id != current.pk:
            current, unit_sums = grant.unit, [0, 0, 0]
        number += 1
        signed = grant.status == GrantStatus.HANDED_OVER and grant.receipt_id is not None
        sheet.append(
            [
                number,
                grant.unit.name,
                grant.beneficiary_name,
                grant.for_member.full_name if grant.for_member_id else "",
                grant.cash_amount,
                grant.in_kind_value,
                grant.in_kind,
                grant.value,
                grant.places,
                grant.get_status_display(),
                grant.handed_over_on,
                _("Signed") if signed else _("Not yet"),
            ]
        )
        for index, value in enumerate((grant.cash_amount, grant.in_kind_value, grant.places)):
            unit_sums[index] += value
            total[index] += value
    if current is not None:
        sheet.append(
            _subtotal(_("Subtotal: %(unit)s") % {"unit": current.name}, unit_sums), bold=True
        )
    sheet.append(_subtotal(_("Total"), total), bold=True)
    return number


def accounting_workbook(programmes) -> tuple[bytes, int]:
    """The workbook for these programmes (a sheet each) and how many rows it holds."""
    book = WorkbookWriter()
    rows = sum(write_programme(book, programme) for programme in programmes)
    return book.to_bytes(), rows
