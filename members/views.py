"""The officer area at /co-so/: a unit's dashboard, its members and its reports.

Every unit, member and report is looked up through members.scope (visible_units,
get_in_scope): an officer who asks for another unit's data gets a 404 and nothing changes.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from federation import paging
from federation.files import serve_file
from federation.forms import add_errors, error_text
from federation.pagecache import cached_page
from federation.storage import protected_storage as imports_storage
from members import scope, selectors, services, spreadsheets
from members.figures import public_figures
from members.forms import (
    AttachmentForm,
    ImportForm,
    LeaveForm,
    MemberFilter,
    MemberForm,
    ReportForm,
    ReturnForm,
    TransferForm,
)
from members.models import (
    FIGURES,
    Member,
    PreparedExport,
    Report,
    ReportAttachment,
    ReportPeriod,
    ReportStatus,
    Unit,
)

PAGE_SIZE = 30


def officer_area(view):
    """Logged in, and an officer of some unit or staff who may see the register."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not scope.may_enter(request.user):
            raise PermissionDenied(_("This area is for union officers."))
        return view(request, *args, **kwargs)

    return wrapper


def _unit(request, pk, permission: str | None = None) -> Unit:
    """A unit the user may see (404 otherwise); with `permission`, one they may also do
    that to (a members.* right: 403 otherwise)."""
    unit = get_object_or_404(
        scope.visible_units(request.user).select_related("kind", "parent"), pk=pk
    )
    if permission is not None:
        _require(request.user, unit, permission)
    return unit


def _require(user, unit: Unit, permission: str) -> None:
    """Officers act on their own subtree; staff need the model permission for each act."""
    scope.require(
        user, unit, permission, _("You do not have the right to do this with members' data.")
    )


def _receiving_unit(request, pk) -> Unit:
    """A grassroots union that still exists: the only kind that takes new members."""
    unit = _unit(request, pk, scope.ADD_MEMBERS)
    if not unit.kind.is_grassroots or (
        unit.dissolved_on and unit.dissolved_on <= timezone.localdate()
    ):
        raise Http404(_("Members are added in an existing grassroots union."))
    return unit


def _member(request, pk, permission: str = scope.VIEW_MEMBERS) -> Member:
    member = scope.get_in_scope(Member.objects.select_related("unit__kind"), request.user, pk)
    _require(request.user, member.unit, permission)
    return member


def _report(request, pk) -> Report:
    return scope.get_in_scope(
        Report.objects.select_related("unit__kind", "unit__parent", "period"),
        request.user,
        pk,
        permission=scope.VIEW_REPORTS,
    )


@cached_page()
def figures(request):
    """/thong-ke/: counts from the register and from accepted reports, no personal data."""
    context = {"figures": public_figures()}
    # ---- The term's targets of the federation's congress (the congress app) ----
    # Imported here, not at the top: the register does not depend on the congress app.
    from congress.services.targets import current_targets

    context["congress_targets"] = current_targets()
    # ---- end of the congress targets ----
    # ---- Caring for members: the welfare figures (the welfare app), imported here too ----
    from welfare.figures import welfare_figures

    context["welfare"] = welfare_figures()
    # ---- end of the welfare figures ----
    return render(request, "members/figures.html", context)


@login_required
def home(request):
    """The officer's own unit; one with several units chooses."""
    units = scope.officer_units(request.user)
    if not units and not scope.sees_everything(request.user):
        if request.user.is_staff:
            return redirect("admin:index")  # staff who logged in on the public login page
        raise PermissionDenied(_("This area is for union officers."))
    if len(units) == 1:
        return redirect("members:unit", pk=units[0].pk)
    if not units:
        units = selectors.top_units()
    return render(request, "members/choose_unit.html", {"units": units})


@officer_area
def unit_dashboard(request, pk):
    unit = _unit(request, pk)
    return render(
        request,
        "members/unit_dashboard.html",
        {
            "area_unit": unit,
            "area_section": "dashboard",
            "unit": unit,
            **selectors.dashboard(unit, today=timezone.localdate()),
        },
    )


@officer_area
def member_list(request, pk):
    unit = _unit(request, pk, scope.VIEW_MEMBERS)
    filters = MemberFilter(request.GET or None, queryset=Member.objects.none())
    if filters.is_bound and not filters.is_valid():
        members, status = Member.objects.none(), 400  # a malformed query: no guessed rows
    else:
        values = filters.form.cleaned_data if filters.is_bound else {}
        members, status = (
            selectors.unit_members(
                unit,
                text=values.get("q", ""),
                status=values.get("status", ""),
                gender=values.get("gender", ""),
            ),
            200,
        )
    page = paging.paginate(request, members, PAGE_SIZE)
    return render(
        request,
        "members/member_list.html",
        {
            "unit": unit,
            "filters": filters,
            "page": page,
            "area_unit": unit,
            "area_section": "members",
        },
        status=status,
    )


IMPORT_SALT = "members.import"


@officer_area
def member_import(request, pk):
    """Upload, preview every row with its errors, then save a clean file in one go."""
    unit = _receiving_unit(request, pk)
    form = ImportForm()
    context = {"unit": unit, "area_unit": unit, "area_section": "members", "form": form}
    if request.method != "POST":
        return render(request, "members/member_import.html", context)
    token = request.POST.get("token", "")
    if token:
        stored = _stored_import(token, unit)
        if stored is None:
            messages.error(request, _("The checked file has expired; upload it again."))
            return redirect("members:member_import", pk=unit.pk)
        if stored is EXPIRED:
            minutes = max(settings.MEMBER_IMPORT_MAX_AGE // 60, 1)
            messages.error(
                request,
                ngettext(
                    "The checked file waited more than %(minutes)d minute for its "
                    "confirmation and has been deleted; upload it again.",
                    "The checked file waited more than %(minutes)d minutes for its "
                    "confirmation and has been deleted; upload it again.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            return redirect("members:member_import", pk=unit.pk)
        rows = _checked(stored, request.user, unit)
        if not isinstance(rows, list) or any(row.errors for row in rows):
            return _import_preview(request, context, rows, token=None)
        try:
            count = services.import_members(unit=unit, rows=rows, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("members:member_import", pk=unit.pk)
        services.discard_pending_import(stored)
        messages.success(request, _("%(count)d members are registered.") % {"count": count})
        return redirect("members:members", pk=unit.pk)
    form = ImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, "members/member_import.html", context, status=400)
    upload = form.cleaned_data["file"]
    rows = _checked(upload, request.user, unit)
    if not isinstance(rows, list) or any(row.errors for row in rows):
        return _import_preview(request, context, rows, token=None)
    suffix = ".csv" if upload.name.lower().endswith(".csv") else ".xlsx"
    upload.seek(0)
    # Kept until confirmed, or MEMBER_IMPORT_MAX_AGE seconds (purge_pending_imports).
    name = imports_storage.save(services.pending_import_name(unit, suffix), upload)
    token = signing.dumps({"name": name, "unit": unit.pk}, salt=IMPORT_SALT)
    return _import_preview(request, context, rows, token=token)


def _checked(source, user, unit):
    """Checked rows of an upload or a stored file, or the ValidationError of an unreadable one."""
    try:
        if isinstance(source, str):
            with imports_storage.open(source, "rb") as handle:
                upload = File(handle, name=source)
                rows = spreadsheets.read_rows(upload)
        else:
            rows = spreadsheets.read_rows(source)
    except ValidationError as error:
        return error
    return spreadsheets.check_rows(rows, today=timezone.localdate(), user=user, unit=unit)


EXPIRED = object()


def _stored_import(token: str, unit: Unit):
    """The stored file a token names; None for a bad token, EXPIRED (file deleted) if old."""
    try:
        data = signing.loads(token, salt=IMPORT_SALT, max_age=settings.MEMBER_IMPORT_MAX_AGE)
    except signing.SignatureExpired:
        # Genuine but too old: its file goes now rather than at the next cleanup.
        services.discard_pending_import(signing.loads(token, salt=IMPORT_SALT).get("name", ""))
        return EXPIRED
    except signing.BadSignature:
        return None
    name = data.get("name", "")
    if data.get("unit") != unit.pk or not imports_storage.exists(name):
        return None
    return name


def _import_preview(request, context, rows, *, token):
    if isinstance(rows, ValidationError):
        context["form"].add_error("file", rows)
        return render(request, "members/member_import.html", context, status=400)
    with_errors = sum(1 for row in rows if row.errors)
    context.update({"rows": rows, "with_errors": with_errors, "token": token})
    return render(
        request, "members/member_import.html", context, status=400 if with_errors else 200
    )


@login_required
def import_template(request):
    response = HttpResponse(spreadsheets.template_workbook(), content_type=spreadsheets.XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-doan-vien.xlsx"'
    return response


@require_POST
@officer_area
def member_export(request, pk):
    """The members of the unit and below, with their personal data: every export is logged.

    Up to EXPORT_IN_BACKGROUND_ABOVE members the file comes at once; a larger export is
    recorded and prepared by a task, and the officer is sent to its page to wait for it.
    """
    unit = _unit(request, pk, scope.EXPORT_MEMBERS)
    members = selectors.members_to_export(unit)
    if services.goes_to_background(members.count()):
        export = services.request_export(user=request.user, unit=unit)
        return redirect(export)
    content, count = spreadsheets.export_workbook(members)
    services.log_export(
        user=request.user, unit=unit, description=services.export_description(unit), rows=count
    )
    response = HttpResponse(content, content_type=spreadsheets.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{services.export_name(unit)}"'
    response["Cache-Control"] = "no-store"
    return response


# A page waiting for its file asks again this often (a <meta> refresh: no script needed).
PREPARED_EXPORT_REFRESH_SECONDS = 5


def _prepared_export(request, pk, export_pk) -> PreparedExport:
    """The user's own export of a unit on which they still hold the export right.

    Someone else's export is answered as if it did not exist (404), like a unit out of scope.
    """
    unit = _unit(request, pk, scope.EXPORT_MEMBERS)
    export = get_object_or_404(
        PreparedExport.objects.select_related("unit"), pk=export_pk, unit=unit, user=request.user
    )
    export.unit = unit
    return export


@officer_area
def prepared_export(request, pk, export_pk):
    """The page of a large export: being prepared (it refreshes itself), ready, failed or
    expired."""
    export = _prepared_export(request, pk, export_pk)
    expired = export.is_expired()
    waiting = export.status == PreparedExport.Status.QUEUED and not expired
    return render(
        request,
        "members/prepared_export.html",
        {
            "unit": export.unit,
            "area_unit": export.unit,
            "area_section": "members",
            "export": export,
            "expired": expired,
            "waiting": waiting,
            "refresh_seconds": PREPARED_EXPORT_REFRESH_SECONDS if waiting else None,
        },
        status=410 if expired else 200,
    )


@officer_area
def prepared_export_download(request, pk, export_pk):
    """The prepared file, to its owner only, while ready and not expired; logged as sent."""
    export = _prepared_export(request, pk, export_pk)
    if export.status != PreparedExport.Status.READY or export.is_expired():
        return redirect(export)
    return serve_file(
        request,
        export,
        public=False,
        on_send=lambda: services.log_export(
            user=request.user,
            unit=export.unit,
            description=services.export_description(export.unit),
            rows=export.rows,
        ),
        missing_context={
            "back_url": reverse("members:members", args=[export.unit.pk]),
            "back_label": _("Back to the member list"),
        },
    )


@officer_area
def member_add(request, pk):
    unit = _receiving_unit(request, pk)
    form = MemberForm(request.POST or None, instance=Member(unit=unit))
    if request.method == "POST" and form.is_valid():
        try:
            member = services.admit_member(member=form.instance, user=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": member.full_name})
            return redirect(member.get_absolute_url())
    return render(
        request,
        "members/member_form.html",
        {"unit": unit, "form": form, "heading": _("Add a member"), "area_unit": unit},
        status=400 if form.errors else 200,
    )


@officer_area
def member_detail(request, pk):
    member = _member(request, pk)
    events = selectors.member_history(member)
    return render(
        request,
        "members/member_detail.html",
        {"member": member, "events": events, "area_unit": member.unit},
    )


@officer_area
def member_edit(request, pk):
    member = _member(request, pk, scope.CHANGE_MEMBERS)
    form = MemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_member(member=form.instance, user=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The member's details are saved."))
            return redirect(member.get_absolute_url())
    return render(
        request,
        "members/member_form.html",
        {
            "unit": member.unit,
            "form": form,
            "member": member,
            "heading": _("Edit member"),
            "area_unit": member.unit,
        },
        status=400 if form.errors else 200,
    )


@officer_area
def member_transfer(request, pk):
    member = _member(request, pk, scope.CHANGE_MEMBERS)
    from_unit_pk = member.unit_id
    form = TransferForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_member(
                member=member,
                to_unit=form.cleaned_data["to_unit"],
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is transferred to %(unit)s.")
                % {"name": member.full_name, "unit": form.cleaned_data["to_unit"]},
            )
            if scope.may_act_on(request.user, form.cleaned_data["to_unit"], scope.VIEW_MEMBERS):
                return redirect(member.get_absolute_url())
            return redirect("members:members", pk=from_unit_pk)
    return render(
        request,
        "members/member_action.html",
        {
            "member": member,
            "form": form,
            "heading": _("Transfer to another union"),
            "area_unit": member.unit,
        },
        status=400 if form.errors else 200,
    )


@officer_area
def member_leave(request, pk):
    member = _member(request, pk, scope.CHANGE_MEMBERS)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_left(
                member=member,
                on=form.cleaned_data["on"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s has left the union.") % {"name": member.full_name}
            )
            return redirect(member.get_absolute_url())
    return render(
        request,
        "members/member_action.html",
        {"member": member, "form": form, "heading": _("Left the union"), "area_unit": member.unit},
        status=400 if form.errors else 200,
    )


@officer_area
def report_detail(request, pk):
    """The unit edits and submits its report; the unit above reviews it.

    One form carries the figures, the text and the files: every button in it (save,
    submit, attach, remove a file, take the register's figure) saves what was typed with
    it, or shows it all again beside the refusal, so nothing typed is lost.
    """
    report = _report(request, pk)
    services.follow_register(report)
    if not services.may_edit_report(request.user, report):
        return _report_page(request, report)
    if request.method != "POST":
        return _report_page(request, report, form=ReportForm(instance=report))
    data = request.POST.copy()
    taken = data.get("take", "")
    if taken in FIGURES and report.prefilled.get(taken) is not None:
        data[taken] = str(report.prefilled[taken])
    form = ReportForm(data, instance=report)
    attaching = "attach" in data
    attachment_form = AttachmentForm(data, request.FILES, required=attaching)
    remove = None
    if data.get("remove", "").isdigit():
        remove = report.attachments.filter(pk=data["remove"]).first()
    if form.is_valid() and attachment_form.is_valid():
        upload = attachment_form.cleaned_data["file"]
        submitting = "submit" in data
        try:
            if submitting:
                services.submit_report(report=form.instance, user=request.user, upload=upload)
            else:
                services.save_report(
                    report=form.instance, user=request.user, upload=upload, remove=remove
                )
        except ValidationError as error:
            _report_errors(form, attachment_form, error)
        else:
            messages.success(request, _report_saved(submitting, upload, remove))
            anchor = "#tep-dinh-kem" if upload or remove else ""
            return redirect(report.get_absolute_url() + anchor)
    return _report_page(request, report, form=form, attachment_form=attachment_form, status=400)


def _report_saved(submitting: bool, upload, remove) -> str:
    if submitting:
        return _("The report is submitted to the unit above.")
    if upload:
        return _("The draft is saved and the file is attached.")
    if remove:
        return _("The draft is saved and the file is removed.")
    return _("The draft is saved.")


def _report_errors(form, attachment_form, error: ValidationError) -> None:
    """A refusal of the file goes beside the file field, the rest beside the figures."""
    if hasattr(error, "error_dict") and "file" in error.error_dict:
        attachment_form.add_error("file", error.error_dict.pop("file"))
        if not error.error_dict:
            return
    add_errors(form, error)


def _register_now(form, report) -> dict[str, int]:
    """The register's current figure, for each figure of the form that differs from it."""
    differing = {}
    for name, now in report.prefilled.items():
        if now is None or name not in form.fields:
            continue
        try:
            shown = int(form[name].value())
        except (TypeError, ValueError):
            shown = None
        if shown != now:
            differing[name] = now
    return differing


def _review_state(user, report) -> dict:
    """Whether this user sees the review buttons; who submitted a report never reviews it."""
    waiting = report.status == ReportStatus.SUBMITTED and services.may_review(user, report)
    own = waiting and services.is_own_submission(user, report)
    return {"may_review": waiting and not own, "own_submission": own}


def _report_page(request, report, *, form=None, attachment_form=None, return_form=None, status=200):
    register_now = _register_now(form, report) if form is not None else {}
    sources = services.figure_sources()
    return render(
        request,
        "members/report_detail.html",
        {
            "report": report,
            "form": form,
            "figure_fields": [
                {
                    "field": form[name],
                    "register": register_now.get(name),
                    "source": sources[name].label
                    if name in sources and report.prefilled.get(name) is not None
                    else "",
                }
                for name in FIGURES
            ]
            if form is not None
            else [],
            **_review_state(request.user, report),
            "return_form": return_form or ReturnForm(),
            "attachments": list(report.attachments.all()),
            "attachment_form": (attachment_form or AttachmentForm(required=False))
            if form is not None
            else None,
            "area_unit": report.unit,
        },
        status=status,
    )


@require_POST
@officer_area
def report_attach(request, pk):
    report = _report(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_to_report(
                report=report, upload=form.cleaned_data["file"], user=request.user
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("The file is attached."))
    else:
        messages.error(request, " ".join(form.errors["file"]))
    return redirect(report.get_absolute_url() + "#tep-dinh-kem")


@require_POST
@officer_area
def report_attachment_remove(request, pk):
    attachment = _attachment(request, pk)
    try:
        services.remove_attachment(attachment=attachment, user=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("The file is removed."))
    return redirect(attachment.report.get_absolute_url() + "#tep-dinh-kem")


@officer_area
def report_attachment(request, pk):
    """A report's file, for whoever may see the report; checked on every request."""
    attachment = _attachment(request, pk)
    return serve_file(
        request,
        attachment,
        public=False,
        missing_context={
            "back_url": attachment.report.get_absolute_url(),
            "back_label": _("Back to the report"),
        },
    )


def _attachment(request, pk) -> ReportAttachment:
    return scope.get_in_scope(
        ReportAttachment.objects.select_related("report__unit", "report__period"),
        request.user,
        pk,
        unit_field="report__unit",
        permission=scope.VIEW_REPORTS,
    )


@require_POST
@officer_area
def report_review(request, pk):
    report = _report(request, pk)
    if not services.may_review(request.user, report):
        raise Http404(_("There is no such report."))
    return_form = ReturnForm(request.POST if "return" in request.POST else None)
    try:
        if "accept" in request.POST:
            services.accept_report(report=report, user=request.user)
            messages.success(request, _("The report is accepted."))
        elif return_form.is_valid():
            services.return_report(
                report=report, user=request.user, reason=return_form.cleaned_data["reason"]
            )
            messages.success(request, _("The report is returned to the unit."))
        else:
            return _report_page(request, report, return_form=return_form, status=400)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(report.get_absolute_url())


@officer_area
def period_progress(request, pk, period_pk):
    """Where a reporting round stands below a unit: by unit directly below, and who is missing."""
    unit = _unit(request, pk)
    period = get_object_or_404(ReportPeriod, pk=period_pk)
    page = paging.paginate(request, selectors.period_reports(unit, period), PAGE_SIZE)
    return render(
        request,
        "members/period_progress.html",
        {
            "unit": unit,
            "period": period,
            **selectors.period_progress(unit, period),
            "page": page,
            "area_unit": unit,
        },
    )


@require_POST
@officer_area
def period_remind(request, pk, period_pk):
    unit = _unit(request, pk)
    period = get_object_or_404(ReportPeriod, pk=period_pk)
    try:
        sent = services.remind_missing(period=period, unit=unit, user=request.user)
    except PermissionDenied as error:
        raise Http404(str(error)) from error
    messages.success(request, _("Reminders sent: %(count)d.") % {"count": sent})
    return redirect("members:period", pk=unit.pk, period_pk=period.pk)
