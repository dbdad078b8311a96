"""Documents as records: the status derived from dates and links, numbers, matching."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from documents.models import Document, Status
from tests.documents.factories import make_classifications, make_document
from tests.helpers import vi

pytestmark = pytest.mark.django_db


@pytest.fixture
def kinds(db):
    return make_classifications()


def days(count: int):
    """A date `count` days from today (negative: in the past)."""
    return timezone.localdate() + timedelta(days=count)


def status_in_lists(document) -> str:
    """The status the lists compute in the database for this document."""
    return Document.objects.with_status().get(pk=document.pk).status


def assert_status(document, expected: Status) -> None:
    """The single document, the annotated lists and the status filter all agree."""
    document = Document.objects.get(pk=document.pk)
    assert document.status_on() == expected
    assert status_in_lists(document) == expected
    for status in Status:
        found = Document.objects.with_status_in(status).filter(pk=document.pk).exists()
        assert found == (status == expected), status


# ---------------------------------------------------------------------------------------
# Derived status


class TestDerivedStatus:
    def test_issued_without_other_dates_is_in_force(self, kinds):
        assert_status(make_document("92/CT-UBND", kinds, issued_on=days(-30)), Status.IN_FORCE)

    def test_effective_today_is_in_force(self, kinds):
        document = make_document("92/CT-UBND", kinds, issued_on=days(-10), effective_on=days(0))
        assert_status(document, Status.IN_FORCE)

    def test_effective_in_the_future_is_not_yet_in_force(self, kinds):
        document = make_document("92/CT-UBND", kinds, issued_on=days(-3), effective_on=days(12))
        assert_status(document, Status.PENDING)

    def test_expiring_today_is_expired(self, kinds):
        """expires_on is the first day it no longer applies."""
        document = make_document("92/CT-UBND", kinds, issued_on=days(-400), expires_on=days(0))
        assert_status(document, Status.EXPIRED)

    def test_expiring_tomorrow_is_still_in_force(self, kinds):
        document = make_document("92/CT-UBND", kinds, issued_on=days(-400), expires_on=days(1))
        assert_status(document, Status.IN_FORCE)

    def test_replaced_by_an_effective_document(self, kinds):
        old = make_document("65/HD-TLĐ", kinds, issuer="national", issued_on=days(-800))
        new = make_document(
            "12/HD-TLĐ", kinds, issuer="national", issued_on=days(-20), effective_on=days(-5)
        )
        new.replaces.add(old)
        assert_status(old, Status.REPLACED)
        assert_status(new, Status.IN_FORCE)

    def test_replaced_by_an_issued_document_without_effective_date(self, kinds):
        old = make_document("65/HD-TLĐ", kinds, issuer="national", issued_on=days(-800))
        new = make_document("12/HD-TLĐ", kinds, issuer="national", issued_on=days(-1))
        new.replaces.add(old)
        assert_status(old, Status.REPLACED)

    def test_replaced_by_a_document_not_yet_effective_is_still_in_force(self, kinds):
        old = make_document("65/HD-TLĐ", kinds, issuer="national", issued_on=days(-800))
        new = make_document(
            "12/HD-TLĐ", kinds, issuer="national", issued_on=days(-2), effective_on=days(40)
        )
        new.replaces.add(old)
        assert_status(old, Status.IN_FORCE)
        assert_status(new, Status.PENDING)

    def test_replacement_outranks_expiry(self, kinds):
        old = make_document(
            "65/HD-TLĐ", kinds, issuer="national", issued_on=days(-800), expires_on=days(-10)
        )
        new = make_document("12/HD-TLĐ", kinds, issuer="national", issued_on=days(-20))
        new.replaces.add(old)
        assert_status(old, Status.REPLACED)

    def test_status_follows_the_date_asked_about(self, kinds):
        document = make_document(
            "92/CT-UBND", kinds, issued_on=days(-10), effective_on=days(5), expires_on=days(30)
        )
        for when, expected in [
            (days(0), Status.PENDING),
            (days(5), Status.IN_FORCE),
            (days(29), Status.IN_FORCE),
            (days(30), Status.EXPIRED),
        ]:
            assert document.status_on(when) == expected, when
            annotated = Document.objects.with_status(today=when).get(pk=document.pk)
            assert annotated.status == expected, when
            assert Document.objects.with_status_in(expected, today=when).filter(pk=document.pk)

    def test_lists_and_single_documents_agree_on_a_mixed_library(self, kinds):
        in_force = make_document("1076/LĐLĐ", kinds, issuer="federation")
        pending = make_document("5440/QĐ-TLĐ", kinds, issuer="national", effective_on=days(9))
        expired = make_document("92/CT-UBND", kinds, expires_on=days(-1))
        replaced = make_document("65/HD-TLĐ", kinds, issuer="national", issued_on=days(-900))
        make_document("12/HD-TLĐ", kinds, issuer="national").replaces.add(replaced)

        by_list = dict(Document.objects.with_status().values_list("number", "status"))
        by_document = {d.number: d.status_on() for d in Document.objects.all()}
        assert by_list == by_document
        assert [by_list[d.number] for d in (in_force, pending, expired, replaced)] == [
            Status.IN_FORCE,
            Status.PENDING,
            Status.EXPIRED,
            Status.REPLACED,
        ]
        assert set(
            Document.objects.with_status_in(Status.IN_FORCE).values_list("number", flat=True)
        ) == {"1076/LĐLĐ", "12/HD-TLĐ"}


# ---------------------------------------------------------------------------------------
# Dates that cannot be


class TestImpossibleDates:
    def unsaved(self, kinds, **dates) -> Document:
        return Document(
            number="92/CT-UBND",
            summary="Về việc tăng cường công tác thu kinh phí công đoàn",
            type=kinds["directive"],
            issuer=kinds["province"],
            **dates,
        )

    @pytest.mark.parametrize("gap", [-1, 0])
    def test_expiry_not_after_issue_is_refused_beside_the_expiry_date(self, kinds, gap):
        document = self.unsaved(kinds, issued_on=days(-10), expires_on=days(-10 + gap))
        with pytest.raises(ValidationError) as refused:
            document.full_clean()
        assert (
            vi("The expiry date must come after the issue date.")
            in (refused.value.message_dict["expires_on"])
        )

    def test_expiry_before_issue_is_refused_by_the_database(self, kinds):
        document = self.unsaved(kinds, issued_on=days(-10), expires_on=days(-20))
        with pytest.raises(IntegrityError), transaction.atomic():
            document.save()
        assert not Document.objects.exists()

    def test_an_existing_document_cannot_be_given_an_earlier_expiry_in_the_database(self, kinds):
        document = make_document("92/CT-UBND", kinds, issued_on=days(-10))
        with pytest.raises(IntegrityError), transaction.atomic():
            Document.objects.filter(pk=document.pk).update(expires_on=days(-11))
        assert Document.objects.get(pk=document.pk).expires_on is None

    def test_effective_before_issue_is_refused(self, kinds):
        document = self.unsaved(kinds, issued_on=days(-10), effective_on=days(-11))
        with pytest.raises(ValidationError) as refused:
            document.full_clean()
        assert (
            vi("The effective date cannot come before the issue date.")
            in (refused.value.message_dict["effective_on"])
        )

    def test_expiry_not_after_the_effective_date_is_refused(self, kinds):
        document = self.unsaved(
            kinds, issued_on=days(-10), effective_on=days(20), expires_on=days(20)
        )
        with pytest.raises(ValidationError) as refused:
            document.full_clean()
        assert (
            vi("The expiry date must come after the effective date.")
            in (refused.value.message_dict["expires_on"])
        )


# ---------------------------------------------------------------------------------------
# Numbers


class TestNumbers:
    @pytest.mark.parametrize("again", ["92/ct-ubnd", "92/CT-UBND", "  92 / CT-UBND ", "92/CT–UBND"])
    def test_the_same_number_from_the_same_issuer_is_refused(self, kinds, again):
        make_document("92/CT-UBND", kinds)
        duplicate = Document(
            number=again,
            summary="Một văn bản khác",
            type=kinds["directive"],
            issuer=kinds["province"],
            issued_on=days(-1),
        )
        with pytest.raises(ValidationError) as refused:
            duplicate.full_clean()
        assert (
            vi(
                "%(issuer)s already has a document numbered %(number)s in %(year)s.",
                issuer="UBND tỉnh",
                number="92/CT-UBND",
                year=duplicate.issued_on.year,
            )
            in refused.value.message_dict["number"]
        )

        with pytest.raises(IntegrityError), transaction.atomic():
            duplicate.save()
        assert Document.objects.count() == 1

    def test_diacritics_do_not_make_another_number(self, kinds):
        make_document("5440/QĐ-TLĐ", kinds, issuer="national")
        duplicate = Document(
            number="5440/qd-tld",
            summary="Một văn bản khác",
            type=kinds["decision"],
            issuer=kinds["national"],
            issued_on=days(-1),
        )
        with pytest.raises(ValidationError) as refused:
            duplicate.full_clean()
        assert "number" in refused.value.message_dict

    def test_numbers_start_again_each_year(self, kinds):
        """ "125/QĐ-LĐLĐ" of last year and of this year are two documents."""
        last_year = make_document(
            "125/QĐ-LĐLĐ", kinds, issuer="federation", issued_on=date(2025, 3, 2)
        )
        this_year = make_document(
            "125/QĐ-LĐLĐ", kinds, issuer="federation", issued_on=date(2026, 3, 2)
        )
        assert last_year.pk != this_year.pk
        assert Document.objects.filter(number="125/QĐ-LĐLĐ").count() == 2

    def test_the_same_number_from_another_issuer_is_fine(self, kinds):
        make_document("92/CT-UBND", kinds, issuer="province")
        other = make_document("92/CT-UBND", kinds, issuer="federation")
        assert Document.objects.filter(number="92/CT-UBND").count() == 2
        other.full_clean()

    def test_a_document_saved_again_is_not_its_own_duplicate(self, kinds):
        document = make_document("92/CT-UBND", kinds)
        document.summary = "Về việc tăng cường công tác thu kinh phí công đoàn năm 2026"
        document.full_clean()
        document.save()

    def test_spacing_is_tidied_when_saved(self, kinds):
        document = make_document("  1076 /LĐLĐ  ", kinds, issuer="federation")
        assert Document.objects.get(pk=document.pk).number == "1076 /LĐLĐ"


# ---------------------------------------------------------------------------------------
# Matching


class TestMatching:
    @pytest.fixture
    def library(self, kinds):
        return {
            "directive": make_document(
                "92/CT-UBND",
                kinds,
                summary="Về việc tăng cường công tác thu kinh phí công đoàn",
            ),
            "decision": make_document(
                "5440/QĐ-TLĐ",
                kinds,
                type="decision",
                issuer="national",
                summary="Quyết định khen thưởng tập thể có thành tích xuất sắc",
            ),
            "guidance": make_document(
                "65/HD-TLĐ",
                kinds,
                type="guidance",
                issuer="national",
                summary="Hướng dẫn tổ chức Đại hội Công đoàn cơ sở nhiệm kỳ 2023–2028",
            ),
        }

    def found(self, text: str) -> set[str]:
        return set(Document.objects.matching(text).values_list("number", flat=True))

    @pytest.mark.parametrize("text", ["92/ct", "92/CT-UBND", "92ct", "92 CT"])
    def test_the_start_of_a_number_finds_it(self, library, text):
        assert self.found(text) == {"92/CT-UBND"}

    def test_a_number_with_d_found_without_the_stroke(self, library):
        assert self.found("5440/qd") == {"5440/QĐ-TLĐ"}

    @pytest.mark.parametrize("text", ["kinh phi", "kinh phí", "KINH PHÍ công đoàn"])
    def test_words_of_the_summary_found_without_accents(self, library, text):
        assert self.found(text) == {"92/CT-UBND"}

    def test_dai_hoi_finds_dai_hoi(self, library):
        assert self.found("dai hoi cong doan") == {"65/HD-TLĐ"}

    @pytest.mark.parametrize("text", ["93/ct", "kinh phi khen thuong", "lương hưu"])
    def test_unrelated_documents_are_not_found(self, library, text):
        assert self.found(text) == set()


def test_a_list_filtered_by_status_still_carries_each_status(kinds):
    """The public list and the admin list annotate first, then filter by status."""
    make_document("92/CT-UBND", kinds, expires_on=days(-1))
    make_document("1076/LĐLĐ", kinds, issuer="federation")
    rows = list(Document.objects.with_status().with_status_in(Status.EXPIRED))
    assert [row.number for row in rows] == ["92/CT-UBND"]
    assert getattr(rows[0], "status", None) == Status.EXPIRED
    assert rows[0].get_status_label() == vi("Expired")
