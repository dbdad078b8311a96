"""Staff's pages for ballots (candidates inline, the results sheet computed on the page)
and the positions chosen at the first meeting.

Registered by the import at the end of congress/admin.py. The counts are checked by
congress.services.elections: a refusal is shown on the form and nothing is saved.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from congress.models import Ballot, Candidate, Position
from congress.services import elections, install_leaders
from federation.forms import error_text


class CandidateFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        ballot = self.instance
        if any(self.errors) or ballot.ballots_valid is None or ballot.ballots_issued is None:
            return
        if ballot.ballots_valid > ballot.ballots_issued:
            return  # said beside the ballot's own field
        candidates = [
            form.instance
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and (form.instance.pk or form.has_changed())
        ]
        elections.check_ballot(ballot, candidates)


class CandidateInline(admin.TabularInline):
    model = Candidate
    formset = CandidateFormSet
    extra = 3
    fields = ("order", "full_name", "position", "votes", "chosen_in_tie", "delegate", "member")
    raw_id_fields = ("delegate", "member")


@admin.register(Ballot)
class BallotAdmin(SimpleHistoryAdmin):
    list_display = (
        "congress",
        "body",
        "round",
        "seats",
        "ballots_issued",
        "ballots_valid",
        "held_on",
    )
    list_filter = ("body", "congress")
    list_select_related = ("congress__unit",)
    raw_id_fields = ("congress",)
    inlines = (CandidateInline,)
    readonly_fields = ("results_sheet",)
    fields = (
        "congress",
        "body",
        "round",
        "seats",
        "ballots_issued",
        "ballots_valid",
        "held_on",
        "results_sheet",
    )

    @admin.display(description=gettext_lazy("results sheet"))
    def results_sheet(self, obj):
        if obj is None or obj.pk is None:
            return _("Saved ballots show their results here.")
        return results_sheet_html(elections.tally(obj))


def results_sheet_html(tally) -> str:
    """The count as the congress hears it: votes, share of the valid ballots, elected; a
    tie at the last seat stated, with who is tied and for how many seats."""
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                line.candidate.full_name,
                line.votes,
                line.share_text,
                _("Elected")
                if line.elected
                else (_("Tied at the last seat") if line.tied else _("Not elected")),
            )
            for line in tally.lines
        ),
    )
    notes = [
        format_html(
            "{}",
            _(
                "%(valid)d valid ballots of %(issued)d issued; %(majority)d votes elect "
                "(more than half); %(elected)d of %(seats)d seats filled."
            )
            % {
                "valid": tally.ballot.ballots_valid,
                "issued": tally.ballot.ballots_issued,
                "majority": tally.majority,
                "elected": len(tally.elected),
                "seats": tally.ballot.seats,
            },
        )
    ]
    if tally.tie:
        notes.append(
            format_html(
                '<strong class="errornote">{}</strong>',
                ngettext(
                    "Tie at the last seat: %(names)s have as many votes for %(seats)d seat. "
                    "The congress decides; then tick “chosen by the congress after a tie”.",
                    "Tie at the last seat: %(names)s have as many votes for %(seats)d seats. "
                    "The congress decides; then tick “chosen by the congress after a tie”.",
                    tally.tie_seats,
                )
                % {
                    "names": ", ".join(c.full_name for c in tally.tied),
                    "seats": tally.tie_seats,
                },
            )
        )
    elif tally.tie_decided:
        notes.append(
            format_html(
                "{}",
                _("The tie at the last seat was decided by the congress: %(names)s.")
                % {"names": ", ".join(c.full_name for c in tally.chosen)},
            )
        )
    return format_html(
        '<table class="results-sheet"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>'
        "</tr></thead><tbody>{}</tbody></table>{}",
        _("Candidate"),
        _("Votes"),
        _("Share of valid ballots"),
        _("Result"),
        rows,
        format_html_join("", "<p>{}</p>", ((note,) for note in notes)),
    )


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ("congress", "role", "candidate", "full_name", "order")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = False
        self.fields["full_name"].help_text = _("Taken from the elected candidate when left empty.")

    def clean(self):
        cleaned = super().clean()
        candidate = cleaned.get("candidate")
        if candidate is not None and not cleaned.get("full_name"):
            cleaned["full_name"] = candidate.full_name
        elif candidate is None and not cleaned.get("full_name"):
            self.add_error("full_name", _("Name the person or choose the elected candidate."))
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if self.errors or not self.instance.congress_id:
            return
        try:
            elections.check_position(self.instance)
        except ValidationError as error:
            self.add_error(None, error)


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    form = PositionForm
    list_display = ("full_name", "role", "congress", "order")
    list_filter = ("congress", "role")
    list_select_related = ("congress__unit",)
    search_fields = ("full_name",)
    raw_id_fields = ("congress", "candidate")
    actions = ("install_as_leaders",)

    @admin.action(description=gettext_lazy("Make them the unit's leaders from the recognition day"))
    def install_as_leaders(self, request, queryset):
        congresses = {position.congress for position in queryset.select_related("congress__unit")}
        for congress in congresses:
            try:
                leaders = install_leaders(congress)
            except ValidationError as error:
                self.message_user(request, f"{congress}: {error_text(error)}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(unit)s: %(count)d leaders from %(day)s.")
                    % {
                        "unit": congress.unit.name,
                        "count": len(leaders),
                        "day": congress.recognised_on.strftime("%d/%m/%Y"),
                    },
                    messages.SUCCESS,
                )
