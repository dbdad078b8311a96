"""The grassroots congress season: the officer area's pages (/co-so/dai-hoi/…) and the
public progress page (/dai-hoi/mua-dai-hoi/<term>/).

Units and congresses are looked up through members.scope: another branch's data answers
404 and nothing changes. The rules are congress.services.season; the views only read
forms and show refusals beside their fields.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.forms_season import (
    EXTRA_POSITION_ROWS,
    BehindFilter,
    PositionFormSet,
    RecognitionForm,
    RecordFilesForm,
    RecordForm,
    ReturnForm,
    position_initial,
)
from congress.models import Congress, CongressFile, Review, Season
from congress.services import season as services
from federation import paging
from federation.files import serve_file
from federation.forms import add_errors
from federation.pagecache import cached_page
from members import scope
from members.views import officer_area

PAGE_SIZE = 30
POSITIONS_PREFIX = "positions"


def _season(pk) -> Season:
    return get_object_or_404(Season.objects.select_related("unit"), pk=pk)


def _record(request, pk) -> Congress:
    """A season's congress the user may see (its union or one above it): 404 otherwise."""
    return scope.get_in_scope(
        Congress.objects.filter(season__isnull=False).select_related(
            "unit__kind", "unit__parent", "season__unit"
        ),
        request.user,
        pk,
        permission=services.VIEW_CONGRESS,
    )


def _season_unit(request, season_pk, unit_pk):
    """A unit the user may see that takes part in the season: 404 otherwise."""
    season = _season(season_pk)
    unit = get_object_or_404(
        scope.visible_units(request.user, services.VIEW_CONGRESS).select_related("kind", "parent"),
        pk=unit_pk,
    )
    if not (unit.is_within(season.unit) or season.unit.is_within(unit)):
        raise Http404(_("This unit takes no part in this season."))
    return season, unit


# ---------------------------------------------------------------------------------------
# The officer's seasons


@officer_area
def season_home(request):
    """Each open season that reaches the officer's units: a grassroots union's own record,
    or the progress below an upper unit."""
    today = timezone.localdate()
    units = scope.officer_units(request.user)
    entries = []
    for unit in units:
        for season in services.seasons_for(unit, today):
            entry = {"unit": unit, "season": season}
            if unit.kind.is_grassroots:
                entry["record"] = services.record_of(season, unit)
                entry["state"] = services.state_of(entry["record"], today)
                entry["tone"] = services.STATE_TONE[entry["state"]]
            else:
                entry["counts"] = services.progress(season, unit, today)["counts"]
                entry["waiting"] = services.waiting_for_review(season, unit)
            entries.append(entry)
    if not units and scope.sees_everything(request.user, services.VIEW_CONGRESS):
        for season in services.open_seasons(today):
            entries.append(
                {
                    "unit": season.unit,
                    "season": season,
                    "counts": services.progress(season, season.unit, today)["counts"],
                }
            )
    return render(
        request,
        "congress/officer/index.html",
        {
            "entries": entries,
            "area_unit": units[0] if len(units) == 1 else None,
            "area_section": "congress",
        },
    )


@officer_area
def season_unit(request, season_pk, unit_pk):
    """An upper unit: the season's progress below it. A grassroots union: its record in
    the season (made here the first time)."""
    season, unit = _season_unit(request, season_pk, unit_pk)
    if not unit.kind.is_grassroots:
        return _progress_page(request, season, unit)
    if not services.season_units(season).filter(pk=unit.pk).exists():
        raise Http404(_("This union takes no part in this season."))
    record = services.record_of(season, unit)
    if record is not None:
        return redirect("congress:record", pk=record.pk)
    congress = services.new_record(season, unit)
    if not scope.is_officer_of(request.user, unit):
        # The units above see that nothing is recorded yet; only the union records it.
        return _record_page(request, congress, exists=False)
    if request.method == "POST":
        return _record_post(request, congress)
    return _record_page(request, congress, **_blank_forms(congress))


# ---------------------------------------------------------------------------------------
# A union's record


@officer_area
def record_detail(request, pk):
    """The union writes and submits its record; the unit above reviews it."""
    congress = _record(request, pk)
    if not services.may_edit_record(request.user, congress):
        if request.method == "POST":
            raise PermissionDenied(_("This record can no longer be changed here."))
        return _record_page(request, congress)
    if request.method == "POST":
        return _record_post(request, congress)
    return _record_page(request, congress, **_blank_forms(congress))


def _blank_forms(congress) -> dict:
    return {
        "form": RecordForm(instance=congress),
        "formset": PositionFormSet(prefix=POSITIONS_PREFIX, initial=position_initial(congress)),
        "files_form": RecordFilesForm(),
    }


def _record_post(request, congress):
    """One form carries the record, the positions and the files: every button saves what
    was typed with it, or shows it all again beside the refusal, so nothing is lost."""
    creating = congress.pk is None
    data = request.POST
    form = RecordForm(data, instance=congress)
    formset = PositionFormSet(data, prefix=POSITIONS_PREFIX)
    files_form = RecordFilesForm(data, request.FILES)
    remove = None
    if not creating and data.get("remove", "").isdigit():
        remove = congress.files.filter(pk=data["remove"]).first()
    forms_valid = form.is_valid() & formset.is_valid() & files_form.is_valid()
    position_errors = list(formset.non_form_errors())
    if forms_valid:
        submitting = "submit" in data
        uploads = files_form.uploads()
        record = form.instance
        try:
            services.save_record(
                congress=record,
                user=request.user,
                positions=formset.rows(),
                uploads=uploads,
                remove=remove,
            )
        except ValidationError as error:
            if creating:
                record.pk, record.slug, record._state.adding = None, "", True
            position_errors += _record_errors(form, files_form, error)
        else:
            if not submitting:
                messages.success(request, _saved_message(uploads, remove))
                anchor = "#tep-bien-ban" if any(uploads.values()) or remove else ""
                return redirect(reverse("congress:record", args=[record.pk]) + anchor)
            try:
                services.submit_record(congress=record, user=request.user)
            except ValidationError as error:
                messages.warning(request, _("The record is saved but not yet submitted."))
                position_errors += _record_errors(form, files_form, error)
                # Saved: the page is the record's own from now on.
                return _record_page(
                    request,
                    record,
                    form=form,
                    formset=formset,
                    files_form=files_form,
                    position_errors=position_errors,
                    status=400,
                )
            messages.success(request, _("The record is submitted to the unit above."))
            return redirect("congress:record", pk=record.pk)
    return _record_page(
        request,
        congress,
        form=form,
        formset=formset,
        files_form=files_form,
        position_errors=position_errors,
        status=400,
    )


def _saved_message(uploads, remove) -> str:
    if any(uploads.values()):
        return _("The record is saved and the file is attached.")
    if remove:
        return _("The record is saved and the file is removed.")
    return _("The record is saved.")


def _record_errors(form, files_form, error: ValidationError) -> list[str]:
    """Each refusal beside its field: the files beside the file fields, the positions
    above their table (returned), the rest beside the record's fields."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return []
    errors = dict(error.error_dict)
    positions = [message for item in errors.pop("positions", []) for message in item.messages]
    for kind in list(errors):
        if kind in files_form.fields:
            files_form.add_error(kind, errors.pop(kind))
        elif kind == CongressFile.Paper.OTHER:
            form.add_error(None, errors.pop(kind))
    if errors:
        add_errors(form, ValidationError(errors))
    return positions


def _record_page(
    request,
    congress,
    *,
    exists=True,
    form=None,
    formset=None,
    files_form=None,
    position_errors=(),
    return_form=None,
    recognition_form=None,
    status=200,
):
    saved = congress.pk is not None
    submitted = saved and congress.review == Review.SUBMITTED
    waiting = submitted and services.may_review(request.user, congress)
    own = waiting and services.is_own_submission(request.user, congress)
    state = services.state_of(congress if saved else None, timezone.localdate())
    return render(
        request,
        "congress/officer/record.html",
        {
            "congress": congress,
            "saved": saved,
            "exists": exists,
            "season": congress.season,
            "unit": congress.unit,
            "state": state,
            "state_tone": services.STATE_TONE[state],
            "is_pilot": congress.season.pilots.filter(pk=congress.unit_id).exists(),
            "form": form,
            "formset": formset,
            "files_form": files_form,
            "position_errors": position_errors,
            "extra_rows": EXTRA_POSITION_ROWS,
            "files": list(congress.files.all()) if saved else [],
            "positions": list(congress.positions.all()) if saved else [],
            "may_review": waiting and not own,
            "own_submission": own,
            "return_form": return_form or ReturnForm(),
            "recognition_form": recognition_form or RecognitionForm(),
            "action": reverse("congress:record", args=[congress.pk])
            if saved
            else reverse("congress:season_unit", args=[congress.season_id, congress.unit_id]),
            "area_unit": congress.unit,
            "area_section": "congress",
        },
        status=status,
    )


@require_POST
@officer_area
def record_review(request, pk):
    """The unit above recognises the results or returns the record with a reason."""
    congress = _record(request, pk)
    if not services.may_review(request.user, congress):
        raise Http404(_("There is no such record to review."))
    if "recognise" in request.POST:
        form = RecognitionForm(request.POST)
        if not form.is_valid():
            return _record_page(request, congress, recognition_form=form, status=400)
        try:
            services.recognise_record(
                congress=congress,
                user=request.user,
                recognised_on=form.cleaned_data["recognised_on"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return _record_page(request, congress, recognition_form=form, status=400)
        messages.success(
            request, _("The results are recognised; the new officers are in the register.")
        )
        return redirect("congress:record", pk=congress.pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _record_page(request, congress, return_form=form, status=400)
    try:
        services.return_record(
            congress=congress, user=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        add_errors(form, error)
        return _record_page(request, congress, return_form=form, status=400)
    messages.success(request, _("The record is returned to the union."))
    return redirect("congress:record", pk=congress.pk)


@officer_area
def record_file(request, pk):
    """The minutes or the resolution, for whoever may see the record; checked every time."""
    stored = scope.get_in_scope(
        CongressFile.objects.filter(congress__season__isnull=False).select_related(
            "congress__unit"
        ),
        request.user,
        pk,
        unit_field="congress__unit",
        permission=services.VIEW_CONGRESS,
    )
    return serve_file(
        request,
        stored,
        public=False,
        missing_context={
            "back_url": reverse("congress:record", args=[stored.congress_id]),
            "back_label": _("Back to the congress record"),
        },
    )


# ---------------------------------------------------------------------------------------
# Progress and reminders


def _progress_page(request, season, unit, *, status=200):
    today = timezone.localdate()
    filters = BehindFilter(request.GET or None)
    show = filters.cleaned_data.get("show") if filters.is_valid() else ""
    if filters.is_bound and not filters.is_valid():
        status = 400
    units = services.units_with_state(season, unit, today)
    listed = units if show == "all" else services.behind(units, season)
    page = paging.paginate(request, listed, PAGE_SIZE)
    for row in page.object_list:
        row.state_label = services.UnitState(row.state).label
        row.state_tone = services.STATE_TONE[row.state]
    return render(
        request,
        "congress/officer/progress.html",
        {
            "season": season,
            "unit": unit,
            **services.progress(season, unit, today),
            "filters": filters,
            "show_all": show == "all",
            "page": page,
            "may_remind": scope.may_act_on(request.user, unit, services.CHANGE_CONGRESS),
            "reminded_today": services.reminded_today(season, unit, today),
            "area_unit": unit,
            "area_section": "congress",
        },
        status=status,
    )


@require_POST
@officer_area
def season_remind(request, season_pk, unit_pk):
    season, unit = _season_unit(request, season_pk, unit_pk)
    try:
        sent = services.remind_behind(season=season, unit=unit, user=request.user)
    except PermissionDenied as error:
        raise Http404(str(error)) from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Reminders sent to %(count)d unions.") % {"count": sent})
    return redirect("congress:season_unit", season_pk=season.pk, unit_pk=unit.pk)


# ---------------------------------------------------------------------------------------
# The public page


@cached_page()
def season_public(request, term):
    """/dai-hoi/mua-dai-hoi/2025-2030/: the province-wide progress by unit below the
    organiser; counts only, never a person's name."""
    season = services.public_season(term)
    if season is None:
        raise Http404(_("There is no such congress season."))
    today = timezone.localdate()
    figures = services.progress(season, season.unit, today)
    return render(
        request,
        "congress/season/public.html",
        {
            "season": season,
            "today": today,
            "days_left": (season.deadline - today).days,
            **figures,
        },
    )
