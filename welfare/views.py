"""The welfare pages of the officer area (/co-so/phuc-loi/…).

A branch sees the programmes open to it and its quota, proposes beneficiaries from its
own members (or a named person), follows them and records the handover with the signed
receipt list; the unit above reviews its units' proposals and passes quotas down; the
officers see the overdue loans of their units. Units, grants, files and loans are looked
up through members.scope: another branch's data answers 404 and nothing changes. The
rules are welfare.services; the views read forms and show refusals beside their fields.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from federation import paging
from federation.files import serve_file
from federation.forms import add_errors, error_text
from members import scope, selectors
from members.models import Member, Unit
from members.views import officer_area
from welfare import services
from welfare.figures import house_step_labels
from welfare.forms import (
    PICKER_SIZE,
    GrantForm,
    HandoverForm,
    HousePhotoForm,
    HouseStepsForm,
    HousingForm,
    PickerSearch,
    QuotaRowForm,
    ReasonForm,
    ScholarshipForm,
    StatusFilter,
)
from welfare.models import (
    ALIVE,
    COUNTED,
    Behaviour,
    Grant,
    GrantFile,
    GrantStatus,
    HousingAid,
    HousingPhoto,
    Loan,
    Programme,
    ProgrammeStatus,
    Receipt,
    Scholarship,
)

PAGE_SIZE = 30
VIEW_GRANT = "welfare.view_grant"
CHANGE_GRANT = "welfare.change_grant"
CHANGE_HOUSING = "welfare.change_housingaid"
VIEW_LOAN = "welfare.view_loan"
# Programmes that take proposals of beneficiaries (loans and partners do not).
PROPOSING = (Behaviour.GIFT, Behaviour.HOUSING, Behaviour.SCHOLARSHIP)
SHOWN = (ProgrammeStatus.OPEN, ProgrammeStatus.CLOSED)


# ---------------------------------------------------------------------------------------
# Look-ups (404 outside the user's scope)


def _unit(request, pk) -> Unit:
    return get_object_or_404(
        scope.visible_units(request.user, VIEW_GRANT).select_related("kind", "parent"), pk=pk
    )


def _programme_for(slug, unit: Unit) -> Programme:
    """A programme the unit takes part in: run by it or by a unit above it."""
    programme = get_object_or_404(
        Programme.objects.select_related("kind", "unit").exclude(status=ProgrammeStatus.PLANNED),
        slug=slug,
    )
    if not unit.is_within(programme.unit):
        raise Http404(_("This programme is not run for this unit."))
    return programme


def _grant(request, pk) -> Grant:
    return scope.get_in_scope(
        Grant.objects.select_related(
            "programme__kind",
            "programme__unit",
            "unit__parent",
            "member__unit",
            "for_member__unit",
            "proposed_by",
            "reviewed_by",
            "receipt",
            "standard",
        ),
        request.user,
        pk,
        permission=VIEW_GRANT,
    )


def _area(unit) -> dict:
    return {"area_unit": unit, "area_section": "welfare"}


def takes_proposals(programme: Programme) -> bool:
    return programme.kind.behaviour in PROPOSING and programme.status == ProgrammeStatus.OPEN


# ---------------------------------------------------------------------------------------
# The officer's programmes


@officer_area
def home(request):
    """For each of the officer's units, the programmes open to it with its quota."""
    units = scope.officer_units(request.user)
    pairs = []
    if units:
        running = {u.pk for u in units} | {pk for u in units for pk in u.ancestor_ids}
        programmes = list(
            Programme.objects.filter(status__in=SHOWN, unit_id__in=running).select_related(
                "kind", "unit"
            )
        )
        pairs = [(u, p) for u in units for p in programmes if u.is_within(p.unit)]
    elif scope.sees_everything(request.user, VIEW_GRANT):
        programmes = list(Programme.objects.filter(status__in=SHOWN).select_related("kind", "unit"))
        pairs = [(p.unit, p) for p in programmes]
    quotas = {}
    for programme in {p for _unit, p in pairs}:
        for quota in services.quota_usage(programme, units=[u for u, p in pairs if p == programme]):
            quotas[programme.pk, quota.unit_id] = quota
    entries = [
        {"unit": unit, "programme": programme, "quota": quotas.get((programme.pk, unit.pk))}
        for unit, programme in pairs
    ]
    return render(
        request,
        "welfare/officer/index.html",
        {
            "entries": entries,
            "has_loans": any(scope.may_act_on(request.user, u, VIEW_LOAN) for u in units)
            or scope.sees_everything(request.user, VIEW_LOAN),
            **_area(units[0] if len(units) == 1 else None),
        },
    )


@officer_area
def unit_programme(request, slug, unit_pk):
    """A unit in a programme: its quota, its units' quotas, its proposals (paged, by
    status), and the ways on: propose, review, pass quotas down, record a handover."""
    unit = _unit(request, unit_pk)
    programme = _programme_for(slug, unit)
    filters = StatusFilter(request.GET or None)
    grants = (
        Grant.objects.filter(programme=programme)
        .in_subtree(unit)
        .select_related("unit", "member")
        .order_by("-proposed_at", "-pk")
    )
    status = 200
    if filters.is_bound:
        if filters.is_valid():
            if filters.cleaned_data["status"]:
                grants = grants.filter(status=filters.cleaned_data["status"])
        else:
            grants, status = grants.none(), 400
    page = paging.paginate(request, grants, PAGE_SIZE)
    children = list(unit.children.order_by("name"))
    usage = {q.unit_id: q for q in services.quota_usage(programme, units=[unit, *children])}
    user = request.user
    waiting = (
        Grant.objects.filter(programme=programme, status=GrantStatus.PROPOSED)
        .in_subtree(unit)
        .exclude(unit=unit)
        .count()
        if children and scope.may_act_on(user, unit, CHANGE_GRANT)
        else 0
    )
    return render(
        request,
        "welfare/officer/unit.html",
        {
            "unit": unit,
            "programme": programme,
            "quota": usage.get(unit.pk),
            "child_quotas": [{"unit": child, "quota": usage.get(child.pk)} for child in children],
            "filters": filters,
            "page": page,
            "waiting": waiting,
            "may_propose": takes_proposals(programme) and services.may_propose(user, unit),
            "may_hand_out": bool(children)
            and programme.status != ProgrammeStatus.SETTLED
            and scope.may_act_on(user, unit, "welfare.change_quota"),
            "approved_here": Grant.objects.filter(
                programme=programme, unit=unit, status=GrantStatus.APPROVED
            ).exists()
            and scope.may_act_on(user, unit, CHANGE_GRANT),
            **_area(unit),
        },
        status=status,
    )


# ---------------------------------------------------------------------------------------
# Proposing and sending again


def _picker(request, unit: Unit, grant: Grant | None = None):
    """The member picker's search and the members it lists (with the one picked)."""
    search = PickerSearch(request.GET or None)
    text = search.cleaned_data["q"] if search.is_valid() else ""
    shown = list(selectors.unit_members(unit, text=text, status="active")[:PICKER_SIZE])
    picked = request.POST.get("member", "") if request.method == "POST" else ""
    if picked.isdigit() and all(m.pk != int(picked) for m in shown):
        member = Member.objects.in_subtree(unit).select_related("unit").filter(pk=picked).first()
        if member is not None:
            shown.insert(0, member)
    return search, shown


def _detail_forms(programme, data=None, grant=None) -> dict:
    behaviour = programme.kind.behaviour
    housing = scholarship = None
    if behaviour == Behaviour.HOUSING:
        stored = HousingAid.objects.filter(grant=grant).first() if grant else None
        housing = HousingForm(data, instance=stored or HousingAid(), prefix="house")
    if behaviour == Behaviour.SCHOLARSHIP:
        stored = Scholarship.objects.filter(grant=grant).first() if grant else None
        scholarship = ScholarshipForm(data, instance=stored or Scholarship(), prefix="scholarship")
    return {"housing_form": housing, "scholarship_form": scholarship}


@officer_area
def propose(request, slug, unit_pk):
    """One multipart form: the beneficiary, circumstances, amounts, details and files."""
    unit = _unit(request, unit_pk)
    programme = _programme_for(slug, unit)
    if not services.may_propose(request.user, unit):
        raise PermissionDenied(_("You may not propose beneficiaries for this unit."))
    if not takes_proposals(programme):
        raise Http404(_("This programme is not open for proposals."))
    grant = Grant(programme=programme, unit=unit)
    return _proposal_page(request, unit, programme, grant)


@officer_area
def grant_edit(request, pk):
    """A proposal waiting or returned, corrected and sent again."""
    grant = _grant(request, pk)
    if not services.may_propose(request.user, grant.unit):
        raise PermissionDenied(_("You may not propose beneficiaries for this unit."))
    if not grant.is_editable_by_unit or not takes_proposals(grant.programme):
        raise Http404(_("This proposal can no longer be changed."))
    return _proposal_page(request, grant.unit, grant.programme, grant)


def _proposal_page(request, unit, programme, grant):
    search, shown = _picker(request, unit, grant)
    creating = grant.pk is None
    standards = list(programme.standard_amounts.all())
    initial = {}
    if creating and standards:
        initial = {"standard": standards[0].pk, "cash_amount": standards[0].amount}
    if request.method != "POST":
        form = GrantForm(
            instance=grant, initial=initial, unit=unit, programme=programme, shown_members=shown
        )
        return _render_proposal(
            request, unit, programme, grant, form, search, **_detail_forms(programme, None, grant)
        )
    form = GrantForm(
        request.POST,
        request.FILES,
        instance=grant,
        unit=unit,
        programme=programme,
        shown_members=shown,
    )
    details = _detail_forms(programme, request.POST, grant if not creating else None)
    detail_forms = [f for f in details.values() if f is not None]
    # Every form is checked (each shows its own errors), not only up to the first refusal.
    checked = [form.is_valid(), *(f.is_valid() for f in detail_forms)]
    if all(checked):
        housing = details["housing_form"].instance if details["housing_form"] else None
        scholarship = details["scholarship_form"].instance if details["scholarship_form"] else None
        try:
            services.propose_grant(
                grant=form.instance,
                user=request.user,
                files=form.uploads(),
                housing=housing,
                scholarship=scholarship,
            )
        except ValidationError as error:
            if creating:
                grant.pk, grant._state.adding = None, True
            for detail in (housing, scholarship):
                if detail is not None and detail._state.adding:
                    detail.pk = None
            _proposal_errors(form, detail_forms, error)
        else:
            messages.success(
                request,
                _("The proposal for %(name)s is sent to the unit above.")
                % {"name": grant.beneficiary_name},
            )
            return redirect("welfare:officer_grant", pk=grant.pk)
    return _render_proposal(request, unit, programme, grant, form, search, status=400, **details)


def _proposal_errors(form, detail_forms, error: ValidationError) -> None:
    """A refusal goes beside its field, in whichever form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        if field == "for_member":
            field = "member"
        owner = next((f for f in [form, *detail_forms] if field in f.fields), None)
        (owner or form).add_error(field if owner else None, errors)


def _render_proposal(request, unit, programme, grant, form, search, *, status=200, **details):
    action = (
        reverse("welfare:officer_propose", args=[programme.slug, unit.pk])
        if grant.pk is None
        else reverse("welfare:officer_grant_edit", args=[grant.pk])
    )
    query = request.GET.urlencode()
    return render(
        request,
        "welfare/officer/propose.html",
        {
            "unit": unit,
            "programme": programme,
            "grant": grant,
            "form": form,
            "search": search,
            "action": f"{action}?{query}" if query else action,
            "search_action": action,
            "files": list(grant.files.all()) if grant.pk else [],
            **details,
            **_area(unit),
        },
        status=status,
    )


# ---------------------------------------------------------------------------------------
# A proposal: following it, reviewing it


@officer_area
def grant_detail(request, pk):
    grant = _grant(request, pk)
    return _grant_page(request, grant)


def _grant_page(
    request,
    grant,
    *,
    reason_form=None,
    review_error=None,
    steps_form=None,
    photo_form=None,
    status=200,
):
    user = request.user
    may_review = (
        grant.status in (GrantStatus.PROPOSED, GrantStatus.RETURNED)
        and grant.programme.status in SHOWN
        and services.may_review(user, grant)
    )
    housing = (
        HousingAid.objects.filter(grant=grant).first()
        if grant.programme.kind.behaviour == Behaviour.HOUSING
        else None
    )
    return render(
        request,
        "welfare/officer/grant.html",
        {
            "grant": grant,
            "programme": grant.programme,
            "unit": grant.unit,
            "files": list(grant.files.all()),
            "housing": housing,
            **_house_context(user, grant, housing, steps_form, photo_form),
            "scholarship": Scholarship.objects.filter(grant=grant).first()
            if grant.programme.kind.behaviour == Behaviour.SCHOLARSHIP
            else None,
            "duplicates": list(services.duplicates_of(grant)) if grant.flagged_duplicate else [],
            "may_edit": grant.is_editable_by_unit
            and takes_proposals(grant.programme)
            and services.may_propose(user, grant.unit),
            "may_review": may_review,
            "reason_form": reason_form or ReasonForm(),
            "review_error": review_error,
            "quotas": list(services.quota_chain(grant.programme, grant.unit).order_by("unit__path"))
            if may_review
            else [],
            **_area(grant.unit),
        },
        status=status,
    )


def _house_context(user, grant, housing, steps_form=None, photo_form=None) -> dict:
    """The house of a housing grant: its steps, its photos before and after, and the forms
    to record them once the grant is approved."""
    if housing is None:
        return {}
    photos = list(housing.photos.order_by("pk"))
    may_record = services.may_record_house(user, grant)
    step = housing.step
    if grant.status in COUNTED and not housing.surveyed_on:
        step = house_step_labels()["waiting"]
    return {
        "house_step": step,
        "house_photos": [
            {"stage": stage, "label": label, "photos": [p for p in photos if p.stage == stage]}
            for stage, label in (
                (HousingPhoto.Stage.BEFORE, _("Before the work")),
                (HousingPhoto.Stage.AFTER, _("After the work")),
            )
        ],
        "has_house_photos": bool(photos),
        "may_record_house": may_record,
        "photos_left": max(services.MAX_HOUSE_PHOTOS - len(photos), 0),
        "max_house_photos": services.MAX_HOUSE_PHOTOS,
        # A refused form is shown with its refusal, even to whom it is no longer offered.
        "steps_form": steps_form or (HouseStepsForm(instance=housing) if may_record else None),
        "photo_form": photo_form or (HousePhotoForm() if may_record else None),
    }


@require_POST
@officer_area
def grant_review(request, pk):
    """Approve, return (with a reason) or reject (with a reason) one proposal. From the
    review list it goes back there; a refusal is shown on the proposal's own page."""
    grant = _grant(request, pk)
    if not services.may_review(request.user, grant):
        raise PermissionDenied(_("Only a unit above the proposing unit reviews its proposals."))
    data = request.POST
    form = ReasonForm(data)
    try:
        if "approve" in data:
            services.approve_grant(grant=grant, user=request.user)
            done = _("%(name)s is approved.")
        elif "return" in data or "reject" in data:
            reason = form.data.get("reason", "")
            if "return" in data:
                services.return_grant(grant=grant, user=request.user, reason=reason)
                done = _("%(name)s is returned to the unit.")
            else:
                services.reject_grant(grant=grant, user=request.user, reason=reason)
                done = _("%(name)s is rejected.")
        else:
            return redirect("welfare:officer_grant", pk=grant.pk)
    except ValidationError as error:
        review_error = None
        if hasattr(error, "error_dict") and "reason" in error.error_dict:
            if form.is_valid():
                form.add_error("reason", error.error_dict["reason"])
        else:
            form = ReasonForm(initial={"reason": data.get("reason", "")})
            review_error = " ".join(error.messages)
        return _grant_page(
            request, _grant(request, pk), reason_form=form, review_error=review_error, status=400
        )
    messages.success(request, done % {"name": grant.beneficiary_name})
    back = data.get("next", "")
    if back.startswith("/co-so/phuc-loi/") and "//" not in back:
        return redirect(back)
    return redirect("welfare:officer_grant", pk=grant.pk)


@officer_area
def review(request, slug, unit_pk):
    """The proposals of the units below waiting for review, with the quotas below."""
    unit = _unit(request, unit_pk)
    programme = _programme_for(slug, unit)
    user = request.user
    if not (scope.may_act_on(user, unit, CHANGE_GRANT) and programme.status in SHOWN):
        raise PermissionDenied(_("Only a unit above the proposing unit reviews its proposals."))
    grants = (
        Grant.objects.filter(programme=programme, status=GrantStatus.PROPOSED)
        .in_subtree(unit)
        .select_related("unit", "member", "for_member")
        .prefetch_related(Prefetch("files", queryset=GrantFile.objects.order_by("pk")))
        .order_by("unit__path", "proposed_at", "pk")
    )
    if not scope.sees_everything(user, CHANGE_GRANT):
        grants = grants.exclude(unit=unit)
    page = paging.paginate(request, grants, PAGE_SIZE)
    rows = list(page.object_list)
    flagged = {g.national_id for g in rows if g.flagged_duplicate and g.national_id}
    elsewhere = {}
    if flagged:
        for other in (
            Grant.objects.filter(programme=programme, national_id__in=flagged, status__in=ALIVE)
            .select_related("unit")
            .only("pk", "national_id", "unit__name")
        ):
            elsewhere.setdefault(other.national_id, []).append(other)
    for grant in rows:
        grant.elsewhere = [
            other.unit.name
            for other in elsewhere.get(grant.national_id, [])
            if other.pk != grant.pk
        ]
    children = list(unit.children.order_by("name"))
    usage = {q.unit_id: q for q in services.quota_usage(programme, units=[unit, *children])}
    return render(
        request,
        "welfare/officer/review.html",
        {
            "unit": unit,
            "programme": programme,
            "page": page,
            "rows": rows,
            "quota": usage.get(unit.pk),
            "child_quotas": [{"unit": child, "quota": usage.get(child.pk)} for child in children],
            "here": request.get_full_path(),
            **_area(unit),
        },
    )


# ---------------------------------------------------------------------------------------
# The house of a housing grant: steps and photos after approval


def _house(request, pk) -> tuple[Grant, HousingAid]:
    """The grant (404 outside the user's scope) and its house; 403 for a user who sees the
    grant but may not record houses for its unit."""
    grant = _grant(request, pk)
    housing = HousingAid.objects.filter(grant=grant).first()
    if housing is None:
        raise Http404(_("This grant is not housing aid."))
    scope.require(
        request.user, grant.unit, CHANGE_HOUSING, _("You may not record houses for this unit.")
    )
    return grant, housing


def _to_house(grant, anchor: str):
    return redirect(reverse("welfare:officer_grant", args=[grant.pk]) + f"#{anchor}")


@require_POST
@officer_area
def house_steps(request, pk):
    """The dates of the survey, the start of the work and the handover, and the total cost."""
    grant, housing = _house(request, pk)
    form = HouseStepsForm(request.POST, instance=housing)
    if form.is_valid():
        try:
            services.record_house_steps(housing=housing, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The steps of the house are saved."))
            return _to_house(grant, "nha")
    return _grant_page(request, _grant(request, pk), steps_form=form, status=400)


@require_POST
@officer_area
def house_photo(request, pk):
    """A photo before or after the work, with what it shows."""
    grant, housing = _house(request, pk)
    form = HousePhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_house_photo(housing=housing, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The photo is added."))
            return _to_house(grant, "anh-nha")
    return _grant_page(request, _grant(request, pk), photo_form=form, status=400)


@require_POST
@officer_area
def house_photo_delete(request, pk):
    photo = scope.get_in_scope(
        HousingPhoto.objects.select_related("housing__grant__unit"),
        request.user,
        pk,
        unit_field="housing__grant__unit",
        permission=VIEW_GRANT,
    )
    grant = photo.housing.grant
    scope.require(
        request.user, grant.unit, CHANGE_HOUSING, _("You may not record houses for this unit.")
    )
    try:
        services.delete_house_photo(photo=photo, user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The photo is removed."))
    return _to_house(grant, "anh-nha")


# ---------------------------------------------------------------------------------------
# Quotas passed down


def _quota_message_rows(error: ValidationError, rows) -> tuple[list, dict]:
    """The refusal's messages: those naming a unit of the form go beside its row."""
    general, by_row = [], {}
    for message in error.messages:
        row = next((r for r in rows if r["unit"].name in message), None)
        if row is None:
            general.append(message)
        else:
            by_row.setdefault(row["unit"].pk, []).append(message)
    return general, by_row


@officer_area
def quotas(request, slug, unit_pk):
    """Pass quotas down to the units directly below (suất and/or đồng per unit)."""
    unit = _unit(request, unit_pk)
    programme = _programme_for(slug, unit)
    if not scope.may_act_on(request.user, unit, "welfare.change_quota"):
        raise PermissionDenied(_("Only a unit above %(unit)s hands it a quota.") % {"unit": unit})
    if programme.status == ProgrammeStatus.SETTLED:
        raise Http404(_("This programme is settled: nothing in it changes."))
    children = list(unit.children.order_by("name"))
    if not children:
        raise Http404(_("This unit has no units below it."))
    usage = {q.unit_id: q for q in services.quota_usage(programme, units=[unit, *children])}
    data = request.POST if request.method == "POST" else None
    rows = []
    for child in children:
        stored = usage.get(child.pk)
        initial = {"places": stored.places, "amount": stored.amount} if stored else {}
        rows.append(
            {
                "unit": child,
                "quota": stored,
                "form": QuotaRowForm(data, prefix=f"q{child.pk}", initial=initial),
                "errors": [],
            }
        )
    general = []
    checked = [row["form"].is_valid() for row in rows] if data is not None else [False]
    if all(checked):
        changed, removed = [], []
        for row in rows:
            places = row["form"].cleaned_data["places"]
            amount = row["form"].cleaned_data["amount"]
            stored = row["quota"]
            if places is None and amount is None:
                if stored is not None:
                    removed.append(row["unit"])
            elif stored is None or (stored.places, stored.amount) != (places, amount):
                changed.append(services.QuotaRow(row["unit"], places, amount))
        try:
            services.save_quotas(
                programme=programme, changed=changed, removed=removed, user=request.user
            )
        except ValidationError as error:
            general, by_row = _quota_message_rows(error, rows)
            for row in rows:
                row["errors"] = by_row.get(row["unit"].pk, [])
        else:
            messages.success(request, _("The quotas are saved."))
            return redirect("welfare:officer_unit", slug=programme.slug, unit_pk=unit.pk)
    return render(
        request,
        "welfare/officer/quotas.html",
        {
            "unit": unit,
            "programme": programme,
            "quota": usage.get(unit.pk),
            "budget": services.budget_of(programme) if unit.pk == programme.unit_id else None,
            "rows": rows,
            "general_errors": general,
            "has_errors": bool(general) or any(r["errors"] or r["form"].errors for r in rows),
            **_area(unit),
        },
        status=400 if data is not None else 200,
    )


# ---------------------------------------------------------------------------------------
# Handover with the signed receipt list


@officer_area
def handover(request, slug, unit_pk):
    """Several approved grants of the unit handed over on one day, with one signed list."""
    unit = _unit(request, unit_pk)
    programme = _programme_for(slug, unit)
    scope.require(
        request.user, unit, CHANGE_GRANT, _("You may not record handovers for this unit.")
    )
    approved = (
        Grant.objects.filter(programme=programme, unit=unit, status=GrantStatus.APPROVED)
        .select_related("member")
        .order_by("pk")
    )
    form = HandoverForm(request.POST or None, request.FILES or None, grants=approved)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            chosen = list(form.cleaned_data["grants"])
            try:
                services.hand_over(
                    grants=chosen,
                    on=form.cleaned_data["on"],
                    upload=form.cleaned_data["file"],
                    user=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d grant is recorded as handed over.",
                        "%(count)d grants are recorded as handed over.",
                        len(chosen),
                    )
                    % {"count": len(chosen)},
                )
                return redirect("welfare:officer_unit", slug=programme.slug, unit_pk=unit.pk)
    receipts = Receipt.objects.filter(programme=programme, unit=unit).order_by("-handed_over_on")
    return render(
        request,
        "welfare/officer/handover.html",
        {
            "unit": unit,
            "programme": programme,
            "form": form,
            "has_approved": approved.exists(),
            "receipts": list(receipts),
            **_area(unit),
        },
        status=status,
    )


# ---------------------------------------------------------------------------------------
# Files, checked every time


@officer_area
def grant_file(request, pk):
    stored = scope.get_in_scope(
        GrantFile.objects.select_related("grant__unit"),
        request.user,
        pk,
        unit_field="grant__unit",
        permission=VIEW_GRANT,
    )
    return serve_file(
        request,
        stored,
        public=False,
        missing_context={
            "back_url": reverse("welfare:officer_grant", args=[stored.grant_id]),
            "back_label": _("Back to the proposal"),
        },
    )


@officer_area
def receipt_file(request, pk):
    stored = scope.get_in_scope(
        Receipt.objects.select_related("unit", "programme"),
        request.user,
        pk,
        permission=VIEW_GRANT,
    )
    return serve_file(
        request,
        stored,
        public=False,
        missing_context={
            "back_url": reverse(
                "welfare:officer_unit", args=[stored.programme.slug, stored.unit_id]
            ),
            "back_label": _("Back to the programme"),
        },
    )


# ---------------------------------------------------------------------------------------
# Loans (read-only for officers; staff record repayments in the admin)


@officer_area
def overdue(request):
    """The overdue loans of the officer's units, oldest arrears first."""
    today = timezone.localdate()
    # The loans in arrears are found in one pass over the open loans (their ids, oldest
    # arrears first), which also counts them; only the page's loans are then read with
    # their whole position. Paging the queryset would find them twice (count, page).
    ids = list(services.overdue_loans(user=request.user, day=today).values_list("pk", flat=True))
    page = paging.paginate(request, ids, PAGE_SIZE)
    shown = (
        Loan.objects.with_position(today)
        .select_related("borrower", "unit")
        .in_bulk(page.object_list)
    )
    page.object_list = [shown[pk] for pk in page.object_list]
    for loan in page.object_list:
        loan.days_overdue = loan.overdue_days(today)
    units = scope.officer_units(request.user)
    return render(
        request,
        "welfare/officer/overdue.html",
        {"page": page, "today": today, **_area(units[0] if len(units) == 1 else None)},
    )


@officer_area
def loan_detail(request, pk):
    today = timezone.localdate()
    loan = scope.get_in_scope(
        Loan.objects.with_position(today).select_related("borrower", "unit", "programme"),
        request.user,
        pk,
        permission=VIEW_LOAN,
    )
    return render(
        request,
        "welfare/officer/loan.html",
        {
            "loan": loan,
            "status": loan.status_on(today),
            "days_overdue": loan.overdue_days(today),
            "schedule": list(loan.schedule.order_by("due_on")),
            "repayments": list(loan.repayments.order_by("paid_on", "pk")),
            "today": today,
            **_area(loan.unit),
        },
    )
