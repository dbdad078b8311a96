"""Forms of the document library's admin: files checked by content before anything is kept."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from documents import services
from documents.models import Document, DocumentFile
from federation.files import describe, forget_stored_file, max_upload_bytes


class DocumentFileForm(forms.ModelForm):
    """One attached file; a new upload is inspected, and its description kept with it."""

    # The stored file has no URL (it is served only by the checking views), so the widget
    # must not try to link the current file; the inline shows its name beside it.
    file = forms.FileField(label=_lazy("file"), widget=forms.FileInput)

    class Meta:
        model = DocumentFile
        fields = ("file", "order")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, PowerPoint, OpenDocument, JPG or PNG scans, ZIP; at most %(limit)s."
        ) % {"limit": filesizeformat(max_upload_bytes())}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            self.inspected = services.inspect_attachment(upload, replacing=self.instance)
        return upload

    def save(self, commit=True):
        inspected = getattr(self, "inspected", None)
        if inspected is not None:
            if self.instance.pk:
                # A replaced file leaves the disk with its row's old name.
                stored = DocumentFile.objects.filter(pk=self.instance.pk).values_list(
                    "file", flat=True
                )
                forget_stored_file(DocumentFile.file.field.storage, stored.first())
            describe(self.instance, inspected)
        return super().save(commit)


class DocumentFileFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            inspected = getattr(form, "inspected", None)
            if inspected is None or not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            if inspected.checksum in seen:
                raise ValidationError(
                    _("“%(first)s” and “%(second)s” are the same file; attach it once.")
                    % {"first": seen[inspected.checksum], "second": inspected.original_name}
                )
            seen[inspected.checksum] = inspected.original_name


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = (
            "number",
            "type",
            "issuer",
            "summary",
            "fields",
            "signer",
            "issued_on",
            "effective_on",
            "expires_on",
            "replaces",
            "related",
            "is_public",
            "posted_at",
            "full_text",
        )
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
