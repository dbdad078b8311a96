"""Forms of the officer area. Rules live in members.services and members.scope."""

import django_filters
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.files import max_upload_bytes
from federation.forms import CHOICE_ERRORS
from members.models import FIGURES, Gender, Member, MemberStatus, Report, Unit


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = (
            "full_name",
            "gender",
            "date_of_birth",
            "national_id",
            "phone",
            "email",
            "card_number",
            "admitted_on",
            "position",
        )
        widgets = {
            "date_of_birth": DateInput(),
            "admitted_on": DateInput(),
            "national_id": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 12}),
            "phone": forms.TextInput(attrs={"inputmode": "tel"}),
        }

    def validate_unique(self):
        """Left to members.services: whether the officer may learn who holds a number
        depends on the officer's units, which the form does not know."""


class TransferForm(forms.Form):
    to_unit = forms.ModelChoiceField(
        label=_("Transfer to the grassroots union"),
        queryset=Unit.objects.none(),
        error_messages={"invalid_choice": _("Choose a union from the list.")},
    )
    on = forms.DateField(
        label=_("Date of transfer"), widget=DateInput(), initial=timezone.localdate
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args, member: Member, **kwargs):
        super().__init__(*args, **kwargs)
        # Any existing grassroots union of the federation may receive the member.
        self.fields["to_unit"].queryset = (
            Unit.objects.grassroots()
            .filter(dissolved_on__isnull=True)
            .exclude(pk=member.unit_id)
            .order_by("name")
        )


class LeaveForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), max_length=255)


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name or union card number"),
        method="filter_text",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=MemberStatus.choices,
        empty_label=_("Any status"),
        error_messages=CHOICE_ERRORS,
    )
    gender = django_filters.ChoiceFilter(
        label=_("Gender"),
        choices=Gender.choices,
        empty_label=_("Any gender"),
        error_messages=CHOICE_ERRORS,
    )

    class Meta:
        model = Member
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.matching(value)


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = (
            *FIGURES,
            "collective_agreement",
            "emulation_registered",
            "change_note",
            "results",
            "difficulties",
            "proposals",
        )
        widgets = {
            "change_note": forms.Textarea(attrs={"rows": 2}),
            "results": forms.Textarea(attrs={"rows": 5}),
            "difficulties": forms.Textarea(attrs={"rows": 4}),
            "proposals": forms.Textarea(attrs={"rows": 4}),
        }


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What should the unit correct?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in template (.xlsx or .csv)"),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Attach a file"), widget=forms.FileInput)

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].required = required
        self.fields["file"].error_messages["required"] = _("Choose the file to attach.")
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, PowerPoint, OpenDocument, JPG or PNG scans, ZIP; at most %(limit)s."
        ) % {"limit": filesizeformat(max_upload_bytes())}
