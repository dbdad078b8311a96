"""The officer area's pages for a congress's delegates: the list with its composition,
the import (upload, a preview of every row, confirm) and the export.

Who: federation staff with the delegate permissions, and officers of the congress's unit
or of a unit above it (members.scope). A congress outside the user's units is a 404.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files import File
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from congress.forms_delegates import CapReasonForm, DelegateImportForm
from congress.models import Congress
from congress.services import delegates as service
from federation import paging
from federation.forms import add_errors
from federation.storage import protected_storage as imports_storage
from federation.text import slugify_vi
from members import scope
from members import services as member_services
from members.views import officer_area

VIEW_DELEGATES = "congress.view_delegate"
ADD_DELEGATES = "congress.add_delegate"
PAGE_SIZE = 100
IMPORT_SALT = "congress.delegate-import"


def _congress(request, pk, permission: str) -> Congress:
    """A congress of a unit the user may act on (404 otherwise)."""
    return scope.get_in_scope(
        Congress.objects.select_related("unit__kind", "unit__parent"),
        request.user,
        pk,
        permission=permission,
    )


def _context(congress: Congress, **extra) -> dict:
    return {"congress": congress, "unit": congress.unit, "area_unit": congress.unit, **extra}


@officer_area
def delegate_list(request, pk):
    congress = _congress(request, pk, VIEW_DELEGATES)
    delegates = congress.delegates.select_related("unit").order_by("number", "full_name", "pk")
    page = paging.paginate(request, delegates, PAGE_SIZE)
    return render(
        request,
        "congress/delegates.html",
        _context(
            congress,
            composition=service.composition(congress),
            cap_warning=service.check_delegate_cap(congress, count=None),
            page=page,
            may_import=scope.may_act_on(request.user, congress.unit, ADD_DELEGATES),
        ),
    )


@officer_area
def delegate_export(request, pk):
    congress = _congress(request, pk, VIEW_DELEGATES)
    content, _count = service.export_workbook(congress)
    response = HttpResponse(content, content_type=service.sheets.XLSX)
    name = slugify_vi(f"dai bieu {congress.unit.short_name or congress.unit.name} {congress.term}")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delegate_template(request):
    response = HttpResponse(service.template_workbook(), content_type=service.sheets.XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-dai-bieu.xlsx"'
    return response


EXPIRED = object()


def _stored(token: str, congress: Congress):
    """The stored file a token names; None for a bad token, EXPIRED (file deleted) if old."""
    try:
        data = signing.loads(token, salt=IMPORT_SALT, max_age=settings.MEMBER_IMPORT_MAX_AGE)
    except signing.SignatureExpired:
        member_services.discard_pending_import(
            signing.loads(token, salt=IMPORT_SALT).get("name", "")
        )
        return EXPIRED
    except signing.BadSignature:
        return None
    name = data.get("name", "")
    if data.get("congress") != congress.pk or not imports_storage.exists(name):
        return None
    return name


def _checked(source, congress: Congress):
    """Checked rows of an upload or a stored file, or the ValidationError of an unreadable one."""
    try:
        if isinstance(source, str):
            with imports_storage.open(source, "rb") as handle:
                rows = service.read_rows(File(handle, name=source))
        else:
            rows = service.read_rows(source)
    except ValidationError as error:
        return error
    return service.check_rows(rows, congress=congress)


def _preview(request, context, rows, *, token, reason_form=None):
    if isinstance(rows, ValidationError):
        context["form"].add_error("file", rows)
        return render(request, "congress/delegate_import.html", context, status=400)
    congress = context["congress"]
    with_errors = sum(1 for row in rows if row.errors)
    warning = service.check_delegate_cap(congress, service.counted_delegates(congress) + len(rows))
    context.update(
        {
            "rows": rows,
            "with_errors": with_errors,
            "token": token,
            "cap_warning": warning,
            "reason_form": reason_form
            or CapReasonForm(initial={"cap_reason": congress.delegate_cap_reason}),
        }
    )
    failed = with_errors or (reason_form is not None and reason_form.errors)
    return render(request, "congress/delegate_import.html", context, status=400 if failed else 200)


@officer_area
def delegate_import(request, pk):
    """Upload, preview every row with its errors, then save a clean file in one go."""
    congress = _congress(request, pk, ADD_DELEGATES)
    context = _context(congress, form=DelegateImportForm())
    if request.method != "POST":
        return render(request, "congress/delegate_import.html", context)
    token = request.POST.get("token", "")
    if token:
        stored = _stored(token, congress)
        if stored is None or stored is EXPIRED:
            messages.error(
                request,
                _("The checked file has expired; upload it again.")
                if stored is None
                else _("The checked file waited too long for its confirmation; upload it again."),
            )
            return redirect("congress:delegate_import", pk=congress.pk)
        rows = _checked(stored, congress)
        if not isinstance(rows, list) or any(row.errors for row in rows):
            return _preview(request, context, rows, token=None)
        reason_form = CapReasonForm(request.POST)
        reason_form.is_valid()
        try:
            count = service.import_delegates(
                congress=congress,
                rows=rows,
                cap_reason=reason_form.cleaned_data.get("cap_reason", ""),
            )
        except ValidationError as error:
            add_errors(reason_form, error)
            return _preview(request, context, rows, token=token, reason_form=reason_form)
        member_services.discard_pending_import(stored)
        messages.success(
            request, _("%(count)d delegates are added to the list.") % {"count": count}
        )
        return redirect("congress:delegates", pk=congress.pk)
    form = DelegateImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, "congress/delegate_import.html", context, status=400)
    upload = form.cleaned_data["file"]
    rows = _checked(upload, congress)
    if not isinstance(rows, list) or any(row.errors for row in rows):
        return _preview(request, context, rows, token=None)
    suffix = ".csv" if upload.name.lower().endswith(".csv") else ".xlsx"
    upload.seek(0)
    # Kept until confirmed, or MEMBER_IMPORT_MAX_AGE seconds (members' purge_pending_imports).
    name = imports_storage.save(member_services.pending_import_name(congress.unit, suffix), upload)
    token = signing.dumps({"name": name, "congress": congress.pk}, salt=IMPORT_SALT)
    return _preview(request, context, rows, token=token)
