"""Forms of the welfare pages of the officer area. The rules live in welfare.services;
these only read what was typed and build the unsaved objects the services check."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.files import inspect_upload, max_upload_bytes
from federation.forms import CHOICE_ERRORS
from members.forms import DateInput
from members.models import Member
from welfare.models import (
    IMAGE_MAX_BYTES,
    Behaviour,
    Grant,
    GrantFile,
    GrantStatus,
    HousingAid,
    HousingPhoto,
    Scholarship,
)

# How many members the picker lists for one search.
PICKER_SIZE = 20


def _file_field(label) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        widget=forms.FileInput,
        help_text=_("PDF, Word or a scan (JPG, PNG); at most %(limit)s.")
        % {"limit": filesizeformat(max_upload_bytes())},
    )


def member_label(member: Member) -> str:
    """How the picker names a member: name, union card, unit."""
    parts = [member.full_name]
    if member.card_number:
        parts.append(member.card_number)
    parts.append(member.unit.name)
    return " · ".join(parts)


def _checked(upload):
    if upload:
        inspect_upload(upload)
    return upload


class PickerSearch(forms.Form):
    """The search of the member picker (a GET form above the proposal)."""

    q = forms.CharField(
        label=_("Find a member of the unit"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Part of the name (accents optional) or the union card number."),
    )


class StatusFilter(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *GrantStatus.choices],
        required=False,
        error_messages=CHOICE_ERRORS,
    )


class GrantForm(forms.ModelForm):
    """One proposal: the beneficiary (a member picked from the unit's members, or a named
    person tied to one), why, how much, and the details its programme asks for."""

    WHO = (
        ("member", _("A member of the unit")),
        ("person", _("Another person (a member's child, spouse, …)")),
    )
    who = forms.ChoiceField(
        label=_("Beneficiary"), choices=WHO, widget=forms.RadioSelect, initial="member"
    )
    member = forms.ModelChoiceField(
        label=_("Member"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "The beneficiary, or the member a named person belongs to. Find them with the "
            "search above."
        ),
        error_messages={"invalid_choice": _("Choose a member of the unit from the list.")},
    )
    application = _file_field(GrantFile.Kind.APPLICATION.label)
    hardship = _file_field(GrantFile.Kind.HARDSHIP.label)

    class Meta:
        model = Grant
        fields = (
            "person_name",
            "relation",
            "national_id",
            "circumstances",
            "standard",
            "cash_amount",
            "in_kind_value",
            "in_kind",
            "places",
            "repeat_reason",
        )
        widgets = {
            "circumstances": forms.Textarea(attrs={"rows": 4}),
            "repeat_reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"national_id": _("The named person's, if they have one.")}

    def __init__(self, *args, unit, programme, shown_members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.unit, self.programme = unit, programme
        member = self.fields["member"]
        # Any active member of the unit's subtree is accepted; only those the search
        # found (and the one already chosen) are listed.
        member.queryset = Member.objects.in_subtree(unit).active().select_related("unit")
        grant = self.instance
        chosen = grant.member or grant.for_member if grant.pk else None
        listed = list(shown_members)
        if chosen is not None and all(m.pk != chosen.pk for m in listed):
            listed.insert(0, chosen)
        member.widget.choices = [(m.pk, member_label(m)) for m in listed]
        if grant.pk:
            self.initial.setdefault("who", "member" if grant.member_id else "person")
            if chosen is not None:
                self.initial.setdefault("member", chosen.pk)
        standard = self.fields["standard"]
        standard.queryset = programme.standard_amounts.all()
        standard.label_from_instance = lambda item: f"{item.label}: {item.amount:,}".replace(
            ",", "."
        )
        standard.error_messages.update(CHOICE_ERRORS)
        self.fields["relation"].error_messages.update(CHOICE_ERRORS)
        self.fields["cash_amount"].required = False
        self.fields["in_kind_value"].required = False
        self.fields["places"].required = False
        if programme.behaviour != Behaviour.HOUSING:
            del self.fields["repeat_reason"]

    def clean_cash_amount(self):
        return self.cleaned_data.get("cash_amount") or 0

    def clean_in_kind_value(self):
        return self.cleaned_data.get("in_kind_value") or 0

    def clean_places(self):
        return self.cleaned_data.get("places") or 1

    # The shared file checks, so a refused file is named beside its own field (the
    # service checks again when it stores it).
    def clean_application(self):
        return _checked(self.cleaned_data.get("application"))

    def clean_hardship(self):
        return _checked(self.cleaned_data.get("hardship"))

    def _post_clean(self):
        """Place the picked member as the beneficiary or as the member a named person
        belongs to; the service checks the rest (and the model's full_clean runs there)."""
        grant = self.instance
        for name in self._meta.fields:
            if name in self.cleaned_data:
                setattr(grant, name, self.cleaned_data[name])
        picked = self.cleaned_data.get("member")
        if self.cleaned_data.get("who") == "person":
            grant.member = None
            grant.for_member = picked
        else:
            grant.member = picked
            grant.for_member = None
            grant.person_name, grant.relation = "", ""
            if picked is None and "member" not in self.errors:
                self.add_error("member", _("Choose the member from the list."))

    def uploads(self) -> list:
        """(purpose, upload) pairs, as propose_grant takes them."""
        return [
            (purpose, self.cleaned_data.get(name))
            for name, purpose in (
                ("application", GrantFile.Kind.APPLICATION),
                ("hardship", GrantFile.Kind.HARDSHIP),
            )
            if self.cleaned_data.get(name)
        ]


class HousingForm(forms.ModelForm):
    class Meta:
        model = HousingAid
        fields = (
            "work",
            "address",
            "own_contribution",
            "other_support",
            "other_support_from",
            "total_cost",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work"].error_messages.update(CHOICE_ERRORS)
        self.fields["own_contribution"].required = False
        self.fields["other_support"].required = False

    def clean_own_contribution(self):
        return self.cleaned_data.get("own_contribution") or 0

    def clean_other_support(self):
        return self.cleaned_data.get("other_support") or 0

    def _post_clean(self):  # the service validates the house with its grant
        for name in self._meta.fields:
            if name in self.cleaned_data:
                setattr(self.instance, name, self.cleaned_data[name])


class HouseStepsForm(forms.ModelForm):
    """The steps of an approved house, recorded as the work goes on (the dates' order and
    the approval are checked by welfare.services.record_house_steps)."""

    class Meta:
        model = HousingAid
        fields = ("surveyed_on", "work_started_on", "handed_over_on", "total_cost")
        widgets = {
            field: DateInput() for field in ("surveyed_on", "work_started_on", "handed_over_on")
        }
        help_texts = {
            "total_cost": _(
                "What the work cost in all: the union's support, the family's "
                "contribution and other support."
            ),
        }

    def _post_clean(self):  # the service checks the steps with the grant
        pass


class HousePhotoForm(forms.Form):
    """A photo before or after the work; the service checks the image by its content and
    size (the model's validators, as every image upload) and keeps it."""

    stage = forms.ChoiceField(
        label=_("Taken"),
        choices=[
            (HousingPhoto.Stage.BEFORE, _("Before the work")),
            (HousingPhoto.Stage.AFTER, _("After the work")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            **CHOICE_ERRORS,
            "required": _("Say whether the photo is before or after the work."),
        },
    )
    image = forms.FileField(
        label=_("Photo"),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG or WebP, at most %(limit)s.")
        % {"limit": filesizeformat(IMAGE_MAX_BYTES)},
        error_messages={"required": _("Choose the photo to upload.")},
    )
    alt = forms.CharField(
        label=_("What the photo shows"),
        max_length=250,
        help_text=_(
            "For readers who cannot see it, e.g. “The old wooden house, its roof "
            "leaking”. Do not name the family."
        ),
        error_messages={"required": _("Say what the photo shows.")},
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)


class ScholarshipForm(forms.ModelForm):
    class Meta:
        model = Scholarship
        fields = ("school", "level", "school_year", "results")
        help_texts = {"school_year": _("For example 2025-2026.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].error_messages.update(CHOICE_ERRORS)

    def _post_clean(self):
        for name in self._meta.fields:
            if name in self.cleaned_data:
                setattr(self.instance, name, self.cleaned_data[name])


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, for the unit that proposed it"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why, for the unit that proposed it.")},
    )


class HandoverForm(forms.Form):
    """Approved grants of one unit handed over on a day, with the signed receipt list."""

    grants = forms.ModelMultipleChoiceField(
        label=_("Handed over"),
        queryset=Grant.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose the grants that were handed over."),
            "invalid_choice": _("Choose grants from the list."),
            "invalid_pk_value": _("Choose grants from the list."),
        },
    )
    on = forms.DateField(label=_("Handed over on"), widget=DateInput(), initial=timezone.localdate)
    file = _file_field(_("Signed receipt list"))

    def __init__(self, *args, grants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grants"].queryset = grants
        self.fields["grants"].label_from_instance = lambda grant: grant.beneficiary_name
        self.fields["file"].required = True
        self.fields["file"].error_messages["required"] = _("Attach the signed receipt list.")


class QuotaRowForm(forms.Form):
    """The quota of one unit directly below: suất and/or đồng (empty: none)."""

    places = forms.IntegerField(label=_("Number of suất"), min_value=0, required=False)
    amount = forms.IntegerField(label=_("Amount (đồng)"), min_value=0, required=False)
