"""Forms of the delegate pages (the import's file, the reason for more than the cap)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DelegateImportForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in template (.xlsx or .csv)"),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class CapReasonForm(forms.Form):
    cap_reason = forms.CharField(
        label=_("Reason for more delegates than the cap"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed only when the list is larger than the cap; kept with the congress."),
    )
