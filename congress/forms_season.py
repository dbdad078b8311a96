"""Forms of the grassroots congress season in the officer area. The rules live in
congress.services.season; these only read what was typed."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.models import Congress, CongressFile, Position
from congress.services.season import MAX_POSITIONS, PositionRow
from federation.files import max_upload_bytes
from federation.forms import CHOICE_ERRORS
from members.forms import DateInput
from members.models import person_name_validator


class RecordForm(forms.ModelForm):
    """What a grassroots union records about its congress: the planned date first, then
    the days it was held and what it decided."""

    class Meta:
        model = Congress
        fields = (
            "ordinal",
            "term_start",
            "term_end",
            "starts_on",
            "ends_on",
            "venue",
            "format",
            "format_reason",
            "official_delegates",
            "members_represented",
            "results",
        )
        labels = {
            "starts_on": _("First day (planned, then held)"),
            "ends_on": _("Last day"),
        }
        help_texts = {
            "ordinal": _("1 for the union's first congress; the next after the last one."),
            "starts_on": _(
                "Before the congress, the day it is planned for; afterwards, the day it opened."
            ),
            "ends_on": _("Leave empty for a congress of one day."),
        }
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "results": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].required = True
        self.fields["starts_on"].error_messages["required"] = _(
            "Give the day the congress is planned for."
        )
        self.fields["format"].error_messages.update(CHOICE_ERRORS)

    def validate_unique(self):
        """Left to congress.services (the ordinal per unit is checked with the unit's
        other congresses there)."""


class PositionForm(forms.Form):
    """One position chosen at the new committee's first meeting; a row without a name is
    left out."""

    role = forms.ChoiceField(
        label=_("Position"),
        choices=[("", "—"), *Position.Role.choices],
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    full_name = forms.CharField(
        label=_("Full name"), max_length=120, required=False, validators=[person_name_validator]
    )

    def clean(self):
        data = super().clean()
        if data.get("full_name", "").strip() and not data.get("role"):
            self.add_error("role", _("Choose the position this person holds."))
        return data


class BasePositionFormSet(forms.BaseFormSet):
    def rows(self) -> list[PositionRow]:
        return [
            PositionRow(role=form.cleaned_data["role"], full_name=form.cleaned_data["full_name"])
            for form in self.forms
            if form.cleaned_data.get("full_name", "").strip()
        ]


PositionFormSet = forms.formset_factory(
    PositionForm,
    formset=BasePositionFormSet,
    extra=0,
    max_num=MAX_POSITIONS + 5,
    validate_max=True,
    absolute_max=MAX_POSITIONS + 5,
)

# Empty rows offered below those recorded; a new record starts with the usual positions.
EXTRA_POSITION_ROWS = 2
FIRST_POSITIONS = (
    Position.Role.CHAIR,
    Position.Role.VICE_CHAIR,
    Position.Role.VICE_CHAIR,
    Position.Role.INSPECTION_CHAIR,
)


def position_initial(congress: Congress) -> list[dict]:
    recorded = (
        [
            {"role": position.role, "full_name": position.full_name}
            for position in congress.positions.all()
        ]
        if congress.pk
        else []
    )
    if not recorded:
        return [{"role": role, "full_name": ""} for role in FIRST_POSITIONS]
    return recorded + [{"role": "", "full_name": ""}] * EXTRA_POSITION_ROWS


def _file_field(label) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        widget=forms.FileInput,
        help_text=_("PDF, Word or a scan (JPG, PNG); at most %(limit)s.")
        % {"limit": filesizeformat(max_upload_bytes())},
    )


class RecordFilesForm(forms.Form):
    """The minutes and the resolution: a new file replaces the one attached before."""

    minutes = _file_field(CongressFile.Paper.MINUTES.label)
    resolution = _file_field(CongressFile.Paper.RESOLUTION.label)

    def uploads(self) -> dict:
        return {
            CongressFile.Paper.MINUTES: self.cleaned_data.get("minutes"),
            CongressFile.Paper.RESOLUTION: self.cleaned_data.get("resolution"),
        }


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What should the union correct?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what the union should correct.")},
    )


class RecognitionForm(forms.Form):
    recognised_on = forms.DateField(
        label=_("Results recognised on"),
        widget=DateInput(),
        initial=timezone.localdate,
        help_text=_("The new officers are in the register from this day."),
    )


class BehindFilter(forms.Form):
    SHOW = (("behind", _("Units behind")), ("all", _("All units")))
    show = forms.ChoiceField(
        label=_("Show"), choices=SHOW, required=False, error_messages=CHOICE_ERRORS
    )
