"""The document pages as an HTML validator and a search engine read them."""

import datetime as dt

import pytest
from django.urls import reverse

from documents.models import Document
from tests.documents.factories import make_classifications, make_document
from tests.factories import browser
from tests.helpers import text_of
from tests.markup import invalid_datetimes, read, skipped_levels


@pytest.fixture
def document(db):
    document = make_document("92/CT-UBND", make_classifications())
    # Posted at a moment with microseconds, as timezone.now() gives them.
    posted = dt.datetime(2026, 11, 30, 3, 5, 9, 123456, tzinfo=dt.UTC)
    Document.objects.filter(pk=document.pk).update(posted_at=posted)
    return document


@pytest.mark.django_db
def test_the_document_list_has_its_own_meta_description(document):
    page = read(text_of(browser().get(reverse("documents:index"))))

    description = page.meta.get("description", "")
    assert len(description) > 50
    assert "văn bản" in description.lower()


@pytest.mark.django_db
def test_document_pages_carry_valid_datetimes_and_an_unbroken_outline(document):
    for url in (reverse("documents:index"), document.get_absolute_url()):
        page = read(text_of(browser().get(url)))
        assert page.datetimes, url
        assert invalid_datetimes(page.datetimes) == [], url
        assert skipped_levels(page.headings) == [], url
    detail = read(text_of(browser().get(document.get_absolute_url())))
    assert "2026-11-30T10:05:09+07:00" in detail.datetimes
