"""Forms readers fill in on an article page."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from news.models import Comment, ErrorReport


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(n, n) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose from 1 to 5 stars."),
            "invalid_choice": _("Choose from 1 to 5 stars."),
        },
    )


class CommentForm(forms.ModelForm):
    # Hidden from people by CSS; a bot that fills every field gives itself away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = Comment
        fields = ["name", "email", "text"]
        widgets = {
            "text": forms.Textarea(
                attrs={"rows": 5, "maxlength": settings.NEWS_COMMENT_MAX_LENGTH}
            ),
        }
        labels = {"text": _("Your comment")}
        help_texts = {"email": _("Never shown on the site.")}
        error_messages = {
            "name": {"required": _("Please give your name.")},
            "email": {
                "required": _("Please give your email address (it is never shown)."),
                "invalid": _("This email address does not look right."),
            },
            "text": {
                "required": _("Please write your comment."),
                "max_length": _(
                    "Your comment is too long: at most %(limit_value)d characters "
                    "(it has %(show_value)d)."
                ),
            },
        }

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class ErrorReportForm(forms.ModelForm):
    class Meta:
        model = ErrorReport
        fields = ["description", "contact"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}
        error_messages = {
            "description": {
                "required": _("Please say what is wrong in the article."),
                "max_length": _("Please keep it under %(limit_value)d characters."),
            },
        }


class ReturnArticleForm(forms.Form):
    """The reason an approver gives when sending articles back."""

    return_reason = forms.CharField(
        label=_("Reason for returning"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why the article is returned.")},
    )


class PostingReportForm(forms.Form):
    """Date range of the posting-activity report."""

    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        return data
