"""Reporting rounds: drafts prefilled from the register, validation, and the review workflow."""

import re
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from members import services
from members.models import Officer, Report, ReportPeriod, ReportStatus
from tests.helpers import vi
from tests.members.factories import (
    make_member,
    make_officer,
    make_organisation_officer,
    make_unit,
    open_period,
    period_data,
    today,
)

pytestmark = pytest.mark.django_db


def report_of(period, unit) -> Report:
    return Report.objects.select_related("unit", "period").get(period=period, unit=unit)


# ---------------------------------------------------------------------------------------
# Opening a period


def test_opening_a_period_gives_every_existing_grassroots_union_a_draft(tree, register):
    period = period_data()
    created = services.open_period(period=period)
    assert created == 5
    reports = Report.objects.filter(period=period)
    assert {report.unit for report in reports} == set(tree.existing_grassroots)
    assert {report.status for report in reports} == {ReportStatus.DRAFT}
    # Not for the dissolved cooperative, nor for any upper-level unit or section.
    for unit in (tree.cooperative, tree.province, tree.ward, tree.commune, tree.section):
        assert not reports.filter(unit=unit).exists()


def test_a_draft_is_prefilled_from_the_register(tree, register, period):
    school = report_of(period, tree.school)
    # Hương and Ơn are active (one woman); Hương was admitted this year, Én left today.
    expected = {
        "total_members": 2,
        "female_members": 1,
        "admitted": 1,
        "left": 1,
        "employees": 86,
    }
    assert school.prefilled == expected
    assert {name: getattr(school, name) for name in expected} == expected
    assert school.unit_path == tree.school.path
    garment = report_of(period, tree.garment)
    assert (garment.total_members, garment.female_members, garment.admitted, garment.left) == (
        3,
        2,
        1,
        0,
    )
    assert garment.employees == 620


def test_events_outside_the_period_are_not_counted(tree, register):
    last_year = today().year - 1
    period = open_period(
        f"Báo cáo năm {last_year}",
        starts_on=date(last_year, 1, 1),
        ends_on=date(last_year, 12, 31),
        deadline=date(last_year + 1, 1, 15),
    )
    school = report_of(period, tree.school)
    # Ơn and Én were admitted last year (15 June); Hương this year; nobody left last year.
    assert (school.admitted, school.left) == (2, 0)


def test_a_union_without_a_known_workforce_is_prefilled_without_employees(tree):
    unit = make_unit(
        "Nghiệp đoàn Xe ôm phường Mường Thanh",
        tree.kinds["trade"],
        tree.ward,
        sector="non-state",
    )
    make_member(unit, "Lường Văn Dũng", gender="male")
    period = open_period()
    report = report_of(period, unit)
    assert report.employees is None
    assert report.prefilled["employees"] is None
    assert report.total_members == 1


def test_opening_a_period_twice_adds_nothing_and_a_new_union_gets_its_report(tree, period):
    assert services.open_period(period=period) == 0
    assert Report.objects.filter(period=period).count() == 5

    newcomer = make_unit(
        "Công đoàn cơ sở Trường Mầm non Hoa Ban",
        tree.kinds["grassroots"],
        tree.ward,
        sector="public",
        employees=25,
    )
    assert services.open_period(period=period) == 1
    assert report_of(period, newcomer).status == ReportStatus.DRAFT
    assert Report.objects.filter(period=period).count() == 6


def test_a_period_ending_before_it_starts_is_refused(tree):
    year = today().year
    period = period_data(starts_on=date(year, 7, 1), ends_on=date(year, 6, 30))
    with pytest.raises(ValidationError) as raised:
        services.open_period(period=period)
    assert raised.value.message_dict["ends_on"] == [vi("The period cannot end before it starts.")]
    assert not ReportPeriod.objects.exists()
    assert not Report.objects.exists()


def test_a_period_opens_when_a_union_lost_most_of_its_members(tree, register):
    # The clinic's only member left this year: 0 members now, 1 left in the period.
    services.mark_left(member=register.trang, on=today(), reason="Chuyển ra ngoài tỉnh")
    period = period_data()
    assert services.open_period(period=period) == 5
    assert Report.objects.filter(period=period, unit=tree.clinic).exists()


def test_a_corrected_admission_date_reaches_the_prefilled_report(tree):
    member = make_member(tree.builder, "Trần Thị Mai", admitted_on=date(today().year - 1, 5, 1))
    member.admitted_on = date(today().year, 1, 1)  # the clerk typed the wrong year
    services.update_member(member=member)
    assert services.subtree_figures(tree.builder)["admitted"] == 1
    period = open_period()
    assert report_of(period, tree.builder).admitted == 1


# ---------------------------------------------------------------------------------------
# Saving a draft


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"female_members": 3}, "female_members", "Female members cannot outnumber all members."),
        ({"admitted": 3}, "admitted", "Members admitted cannot outnumber all members."),
        ({"left": 3}, "left", "Members who left cannot outnumber all members."),
        ({"employees": 1}, "employees", "A unit cannot have fewer employees than members."),
    ],
)
def test_figures_are_checked_beside_their_field(tree, period, officers, changes, field, message):
    report = report_of(period, tree.school)
    for name, value in changes.items():
        setattr(report, name, value)
    report.change_note = "Số liệu theo sổ của đơn vị"
    with pytest.raises(ValidationError) as raised:
        services.save_report(report=report, user=officers["school"])
    assert raised.value.message_dict[field] == [vi(message)]
    stored = report_of(period, tree.school)
    assert getattr(stored, field) == report.prefilled[field]
    assert stored.change_note == ""


@pytest.mark.parametrize("field", ["total_members", "dialogues_held", "welfare_members"])
def test_figures_cannot_be_negative(tree, period, officers, field):
    report = report_of(period, tree.school)
    before = getattr(report, field)
    setattr(report, field, -1)
    report.change_note = "Nhập nhầm"
    with pytest.raises(ValidationError) as raised:
        services.save_report(report=report, user=officers["school"])
    assert raised.value.message_dict[field] == [
        vi("Ensure this value is greater than or equal to %(limit_value)s.", limit_value=0)
    ]
    assert getattr(report_of(period, tree.school), field) == before


def test_a_changed_register_figure_needs_a_note(tree, period, officers):
    report = report_of(period, tree.school)
    report.total_members = 3
    with pytest.raises(ValidationError) as raised:
        services.save_report(report=report, user=officers["school"])
    assert raised.value.message_dict["change_note"] == [
        vi("Some figures differ from the register: say why in the note.")
    ]
    assert report_of(period, tree.school).total_members == 2
    assert services.changed_figures(report) == ["total_members"]

    report.change_note = "   "
    with pytest.raises(ValidationError):
        services.save_report(report=report, user=officers["school"])

    report.change_note = "Kết nạp 01 đoàn viên ngày 20/3, sổ đoàn viên chưa cập nhật."
    services.save_report(report=report, user=officers["school"])
    stored = report_of(period, tree.school)
    assert stored.total_members == 3
    assert stored.change_note.startswith("Kết nạp 01 đoàn viên")
    assert stored.status == ReportStatus.DRAFT


def test_a_draft_follows_the_register_until_it_is_submitted(tree, period, officers):
    # The period opened with the school's 2 members; one more is admitted afterwards.
    make_member(tree.school, "Lò Thị Én", admitted_on=date(today().year, 1, 2))
    report = report_of(period, tree.school)
    assert report.total_members == 2

    services.follow_register(report)
    assert (report.total_members, report.female_members, report.admitted) == (3, 2, 2)

    # Submitted without a word: these are the register's figures, no note asked.
    services.submit_report(report=report, user=officers["school"])
    stored = report_of(period, tree.school)
    assert (stored.status, stored.total_members, stored.change_note) == (
        ReportStatus.SUBMITTED,
        3,
        "",
    )

    # A submitted report keeps what was submitted when the register moves on.
    make_member(tree.school, "Quàng Văn Nam", gender="male", born=date(1988, 2, 3))
    stored = services.follow_register(report_of(period, tree.school))
    assert (stored.total_members, stored.prefilled["total_members"]) == (3, 3)


def test_a_report_saved_with_the_old_register_figure_must_explain_it(tree, period, officers):
    # The officer's page showed the opening figure; the register has moved on since.
    make_member(tree.school, "Lò Thị Én", admitted_on=date(today().year, 1, 2))
    report = report_of(period, tree.school)
    with pytest.raises(ValidationError) as raised:
        services.submit_report(report=report, user=officers["school"])
    assert raised.value.message_dict["change_note"] == [
        vi("Some figures differ from the register: say why in the note.")
    ]
    assert report_of(period, tree.school).status == ReportStatus.DRAFT


def test_a_figure_the_officer_typed_stays_theirs_and_keeps_needing_its_note(tree, period, officers):
    report = report_of(period, tree.school)
    report.total_members = 5
    report.change_note = "Ba đoàn viên mới chưa nhập vào sổ."
    services.save_report(report=report, user=officers["school"])

    make_member(tree.school, "Lò Thị Én", admitted_on=date(today().year, 1, 2))
    report = services.follow_register(report_of(period, tree.school))
    # The typed figure stays; the ones the officer left alone follow the register.
    assert (report.total_members, report.female_members) == (5, 2)
    assert report.prefilled["total_members"] == 3
    assert services.changed_figures(report) == ["total_members"]
    report.change_note = ""
    with pytest.raises(ValidationError) as raised:
        services.save_report(report=report, user=officers["school"])
    assert "change_note" in raised.value.message_dict


def test_a_returned_report_takes_the_registers_figure_without_a_note(
    tree, period, officers, django_capture_on_commit_callbacks
):
    report = report_of(period, tree.school)
    services.submit_report(report=report, user=officers["school"])
    services.return_report(report=report, user=officers["ward"], reason="Thiếu đoàn viên mới")
    make_member(tree.school, "Lò Thị Én", admitted_on=date(today().year, 1, 2))

    report = services.follow_register(report_of(period, tree.school))
    assert report.total_members == 3
    services.submit_report(report=report, user=officers["school"])
    stored = report_of(period, tree.school)
    assert (stored.status, stored.total_members, stored.change_note) == (
        ReportStatus.SUBMITTED,
        3,
        "",
    )


def test_figures_the_register_does_not_know_need_no_note(tree, period, officers):
    report = report_of(period, tree.school)
    report.dialogues_held = 2
    report.welfare_members = 2
    report.welfare_amount = 3_000_000
    report.collective_agreement = True
    report.results = "Tổ chức thành công Hội nghị cán bộ, viên chức năm học mới."
    services.save_report(report=report, user=officers["school"])
    stored = report_of(period, tree.school)
    assert (stored.dialogues_held, stored.welfare_amount, stored.collective_agreement) == (
        2,
        3_000_000,
        True,
    )


def test_an_officer_of_another_union_cannot_save_the_report(tree, period, officers, clinic_officer):
    report = report_of(period, tree.school)
    report.dialogues_held = 9
    with pytest.raises(PermissionDenied):
        services.save_report(report=report, user=clinic_officer)
    with pytest.raises(PermissionDenied):
        services.submit_report(report=report, user=officers["commune"])
    stored = report_of(period, tree.school)
    assert (stored.dialogues_held, stored.status) == (0, ReportStatus.DRAFT)


def test_a_closed_period_refuses_saves(tree, period, officers):
    ReportPeriod.objects.filter(pk=period.pk).update(is_open=False)
    report = report_of(period, tree.school)
    report.dialogues_held = 1
    with pytest.raises(ValidationError) as raised:
        services.save_report(report=report, user=officers["school"])
    assert raised.value.messages == [vi("This reporting period is closed.")]
    with pytest.raises(ValidationError):
        services.submit_report(report=report, user=officers["school"])
    stored = report_of(period, tree.school)
    assert (stored.dialogues_held, stored.status) == (0, ReportStatus.DRAFT)


# ---------------------------------------------------------------------------------------
# The workflow: submit, return with a reason, resubmit, accept


def submit(report, user, capture):
    with capture(execute=True):
        return services.submit_report(report=report, user=user)


def test_the_whole_review_round(
    tree, period, officers, school_deputy, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    school_officer, reviewer = officers["school"], officers["ward"]

    # The school submits: the ward's officers are told, nobody else.
    report = report_of(period, tree.school)
    report.dialogues_held = 1
    submit(report, school_officer, capture)
    stored = report_of(period, tree.school)
    assert stored.status == ReportStatus.SUBMITTED
    assert stored.submitted_by == school_officer
    assert stored.submitted_at is not None
    assert not stored.is_editable_by_unit
    assert len(mail.outbox) == 1
    arrived = mail.outbox[0]
    assert arrived.to == [reviewer.email]
    assert arrived.subject == vi("Report submitted: %(unit)s", unit=tree.school.name)
    assert period.name in arrived.body

    # Read-only for the unit now.
    stored.dialogues_held = 5
    with pytest.raises(ValidationError) as raised:
        services.save_report(report=stored, user=school_officer)
    assert raised.value.messages == [vi("A submitted report can no longer be changed.")]
    assert report_of(period, tree.school).dialogues_held == 1

    # The unit cannot review itself; a sibling upper-level union cannot either.
    for outsider in (school_officer, school_deputy, officers["commune"]):
        with pytest.raises(PermissionDenied):
            services.accept_report(report=stored, user=outsider)
        with pytest.raises(PermissionDenied):
            services.return_report(report=stored, user=outsider, reason="Sai số liệu")
    assert report_of(period, tree.school).status == ReportStatus.SUBMITTED

    # Returned, with a reason the unit's officers receive.
    with pytest.raises(ValidationError) as raised:
        services.return_report(report=stored, user=reviewer, reason="  ")
    assert raised.value.message_dict["return_reason"] == [vi("Say what the unit should correct.")]
    mail.outbox.clear()
    reason = "Đề nghị bổ sung số cuộc đối thoại tại nơi làm việc trong năm."
    with capture(execute=True):
        services.return_report(report=stored, user=reviewer, reason=reason)
    stored = report_of(period, tree.school)
    assert stored.status == ReportStatus.RETURNED
    assert stored.return_reason == reason
    assert stored.reviewed_by == reviewer
    assert stored.is_editable_by_unit
    assert len(mail.outbox) == 1
    returned = mail.outbox[0]
    assert sorted(returned.to) == sorted([school_officer.email, school_deputy.email])
    assert reason in returned.body
    assert returned.subject == vi("Returned for correction: %(period)s", period=period.name)

    # The unit corrects and submits again; the ward accepts.
    stored.dialogues_held = 3
    mail.outbox.clear()
    submit(stored, school_officer, capture)
    assert report_of(period, tree.school).status == ReportStatus.SUBMITTED
    assert [message.to for message in mail.outbox] == [[reviewer.email]]

    services.accept_report(report=report_of(period, tree.school), user=reviewer)
    final = report_of(period, tree.school)
    assert final.status == ReportStatus.ACCEPTED
    assert final.return_reason == ""
    assert final.dialogues_held == 3
    assert final.reviewed_by == reviewer
    # An accepted report is closed to everyone's edits and reviews.
    with pytest.raises(ValidationError):
        services.save_report(report=final, user=school_officer)
    with pytest.raises(ValidationError):
        services.return_report(report=final, user=reviewer, reason="Xem lại")


def test_no_email_is_sent_when_the_submission_is_rolled_back(
    tree, period, officers, django_capture_on_commit_callbacks
):
    report = report_of(period, tree.school)
    report.total_members = 4  # changed without a note: refused
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        services.submit_report(report=report, user=officers["school"])
    assert callbacks == []
    assert mail.outbox == []
    assert report_of(period, tree.school).status == ReportStatus.DRAFT


def test_any_officer_above_may_review_but_only_a_submitted_report(tree, period, officers):
    report = report_of(period, tree.power)  # directly under the province
    with pytest.raises(ValidationError) as raised:
        services.accept_report(report=report, user=officers["province"])
    assert raised.value.messages == [vi("Only a submitted report can be reviewed.")]
    power_officer = make_officer("le.quang.huy", tree.power)
    services.submit_report(report=report, user=power_officer)
    services.accept_report(report=report, user=officers["province"])
    assert report_of(period, tree.power).status == ReportStatus.ACCEPTED
    # The province, two levels up, may review the school's report too.
    school = report_of(period, tree.school)
    services.submit_report(report=school, user=officers["school"])
    services.accept_report(report=school, user=officers["province"])
    assert report_of(period, tree.school).status == ReportStatus.ACCEPTED


def test_a_submitted_report_is_read_only_for_its_unit(tree, period, officers):
    report = report_of(period, tree.school)
    services.submit_report(report=report, user=officers["school"])
    submitted = report_of(period, tree.school)
    submitted.dialogues_held = 5
    submitted.results = "Sửa sau khi gửi"
    with pytest.raises(ValidationError) as raised:
        services.save_report(report=submitted, user=officers["school"])
    assert raised.value.messages == [vi("A submitted report can no longer be changed.")]
    stored = report_of(period, tree.school)
    assert (stored.status, stored.dialogues_held, stored.results) == (
        ReportStatus.SUBMITTED,
        report.dialogues_held,
        report.results,
    )


def accept(report, user):
    return services.accept_report(report=report, user=user)


def send_back(report, user):
    return services.return_report(report=report, user=user, reason="Thiếu số lao động nữ")


@pytest.mark.parametrize("review", [accept, send_back], ids=["accept", "return"])
def test_nobody_reviews_a_report_they_submitted_themselves(tree, period, officers, review):
    """The ward's chair is also an officer of the school below: they submit it, another
    officer above reviews it."""
    chair = officers["ward"]
    Officer.objects.create(user=chair, unit=tree.school)
    report = report_of(period, tree.school)
    services.submit_report(report=report, user=chair)
    with pytest.raises(PermissionDenied) as raised:
        review(report, chair)
    assert str(raised.value) == vi("A report is reviewed by someone other than who submitted it.")
    stored = report_of(period, tree.school)
    assert (stored.status, stored.reviewed_by) == (ReportStatus.SUBMITTED, None)
    services.accept_report(report=report, user=officers["province"])
    assert report_of(period, tree.school).reviewed_by == officers["province"]


def test_staff_may_review_any_report(tree, period, officers):
    staff = make_organisation_officer()
    report = report_of(period, tree.garment)
    garment_officer = make_officer("hoang.thi.anh", tree.garment)
    services.submit_report(report=report, user=garment_officer)
    services.return_report(report=report, user=staff, reason="Thiếu số lao động nữ")
    assert report_of(period, tree.garment).status == ReportStatus.RETURNED


def test_a_submission_reaches_nobody_when_the_upper_unit_has_no_officer(
    tree, period, django_capture_on_commit_callbacks
):
    clinic_officer = make_officer("pham.thu.trang", tree.clinic)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_report(report=report_of(period, tree.clinic), user=clinic_officer)
    assert mail.outbox == []
    assert report_of(period, tree.clinic).status == ReportStatus.SUBMITTED


# ---------------------------------------------------------------------------------------
# Reminders


def test_reminders_go_to_the_units_that_have_not_submitted(
    tree, period, officers, django_capture_on_commit_callbacks
):
    services.submit_report(report=report_of(period, tree.school), user=officers["school"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sent = services.remind_missing(period=period, unit=tree.ward, user=officers["ward"])

    assert sent == 1
    assert [message.to for message in mail.outbox] == [[officers["builder"].email]]
    reminder = mail.outbox[0]
    assert reminder.subject == vi("Reminder to submit: %(period)s", period=period.name)
    assert tree.builder.name in reminder.body
    assert f"{period.deadline:%d/%m/%Y}" in reminder.body


def test_reminders_from_the_province_reach_every_level_and_returned_reports(
    tree, period, officers, clinic_officer, django_capture_on_commit_callbacks
):
    services.submit_report(report=report_of(period, tree.school), user=officers["school"])
    services.submit_report(report=report_of(period, tree.builder), user=officers["builder"])
    services.return_report(
        report=report_of(period, tree.builder), user=officers["ward"], reason="Thiếu phụ lục"
    )
    power_officer = make_officer("le.quang.huy", tree.power, email="")  # no address: skipped
    assert power_officer.email == ""
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sent = services.remind_missing(period=period, unit=tree.province, user=officers["province"])

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([officers["builder"].email, clinic_officer.email])
    assert sent == 2
    assert officers["school"].email not in recipients


def test_an_officer_cannot_send_reminders_for_a_unit_above_them(tree, period, officers):
    with pytest.raises(PermissionDenied):
        services.remind_missing(period=period, unit=tree.province, user=officers["ward"])
    assert mail.outbox == []


# ---------------------------------------------------------------------------------------
# The wording of every mail the register sends


def doubled_words(text: str) -> list[str]:
    """Words written twice side by side, whatever their case ("Báo cáo Báo cáo")."""
    words = re.findall(r"\w+", text.casefold())
    pairs = [
        " ".join(words[index : index + size])
        for size in (1, 2, 3)
        for index in range(len(words) - 2 * size + 1)
        if words[index : index + size] == words[index + size : index + 2 * size]
    ]
    return pairs


def test_doubled_words_are_found():
    assert doubled_words("Nhắc nộp báo cáo Báo cáo năm 2026") == ["báo cáo"]
    assert doubled_words("Báo cáo năm 2026 của đơn vị bị trả lại") == []


def test_no_mail_says_a_word_twice(tree, period, officers, django_capture_on_commit_callbacks):
    # Period names are whole titles that start with "Báo cáo".
    assert period.name.startswith("Báo cáo")
    report = report_of(period, tree.school)
    with translation.override("vi"), django_capture_on_commit_callbacks(execute=True):
        services.submit_report(report=report, user=officers["school"])
        services.return_report(
            report=report_of(period, tree.school), user=officers["ward"], reason="Thiếu phụ lục"
        )
        services.remind_missing(period=period, unit=tree.province, user=officers["province"])
        services.accept_report(
            report=services.submit_report(
                report=report_of(period, tree.school), user=officers["school"]
            ),
            user=officers["ward"],
        )
    for message in mail.outbox:
        assert doubled_words(message.subject) == [], message.subject
        assert doubled_words(message.body) == [], message.body
        assert period.name in message.subject + message.body
    assert {message.subject for message in mail.outbox} == {
        vi("Report submitted: %(unit)s", unit=tree.school.name),
        vi("Returned for correction: %(period)s", period=period.name),
        vi("Reminder to submit: %(period)s", period=period.name),
    }
