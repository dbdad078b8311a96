"""An officer who asks for another branch's unit, member, report or file gets a 404, and
nothing changes: every officer-area URL that takes a pk, with GET and with a POST of
valid-looking data, as an officer of a sibling unit.

Two sibling second-level unions (the ward and the commune), each with grassroots unions,
members, reports in an open period (one submitted, one draft) and an attachment.
"""

import io
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from members import services, spreadsheets, urls, views
from members.models import (
    Member,
    MembershipEvent,
    Officer,
    PersonalDataExport,
    PreparedExport,
    Report,
    ReportAttachment,
    Unit,
)
from tests.files import pdf_bytes, upload
from tests.helpers import files_under, logged_in
from tests.members.factories import (
    make_officer,
    make_register,
    make_tree,
    open_period,
    this_year_start,
    today,
)

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"members:{name}", args=args)


def clean_workbook() -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append([heading for _key, heading in spreadsheets.COLUMNS])
    sheet.append(
        [
            "Lò Văn Pánh",
            "Nam",
            "12/05/1990",
            "011090123401",
            "",
            "",
            "ĐB30000001",
            f"{this_year_start():%d/%m/%Y}",
            "",
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("Danh sách.xlsx", buffer.getvalue(), content_type=spreadsheets.XLSX)


class Branch:
    """One second-level union's side of the tree: what an outsider would go after."""

    def __init__(self, *, upper, grassroots, other_grassroots, member, submitted, draft, file):
        self.upper = upper
        self.grassroots = grassroots
        self.other_grassroots = other_grassroots
        self.member = member
        self.submitted = submitted  # a report waiting for the upper unit's review
        self.draft = draft  # a report its union is still filling in, with a file
        self.file = file


@pytest.fixture
def world(db, django_capture_on_commit_callbacks):
    tree = make_tree()
    register = make_register(tree)
    period = open_period()
    people = {
        "ward": make_officer("lo.thi.huong", tree.ward, role=Officer.Role.CHAIR),
        "school": make_officer("lo.van.thang", tree.school),
        "builder": make_officer("tran.van.hai", tree.builder),
        "commune": make_officer("ca.van.on", tree.commune),
        "clinic": make_officer("pham.thu.trang", tree.clinic),
        "garment": make_officer("hoang.thi.anh", tree.garment),
    }

    def branch(upper, submitting, drafting, member) -> Branch:
        submitted = Report.objects.get(period=period, unit=submitting)
        draft = Report.objects.get(period=period, unit=drafting)
        file = services.attach_to_report(
            report=draft,
            upload=upload("Biên bản đối thoại.pdf", pdf_bytes(), "application/pdf"),
            user=people["garment" if drafting == tree.garment else "builder"],
        )
        services.attach_to_report(
            report=submitted,
            upload=upload("Báo cáo năm.pdf", pdf_bytes("Bao cao nam"), "application/pdf"),
            user=people["clinic" if submitting == tree.clinic else "school"],
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.submit_report(
                report=submitted, user=people["clinic" if submitting == tree.clinic else "school"]
            )
        return Branch(
            upper=upper,
            grassroots=submitting,
            other_grassroots=drafting,
            member=member,
            submitted=submitted,
            draft=draft,
            file=file,
        )

    commune = branch(tree.commune, tree.clinic, tree.garment, register.trang)
    ward = branch(tree.ward, tree.school, tree.builder, register.huong)
    # A member export prepared in the background for each upper unit's officer, ready.
    for side, officer in ((commune, people["commune"]), (ward, people["ward"])):
        with django_capture_on_commit_callbacks(execute=True):
            side.export = services.request_export(user=officer, unit=side.upper)
    mail.outbox.clear()
    return {
        "tree": tree,
        "register": register,
        "period": period,
        "people": people,
        "ward": ward,
        "commune": commune,
    }


def database_state(settings) -> dict:
    """Everything an outsider's request could change."""
    return {
        "units": list(Unit.objects.order_by("pk").values()),
        "members": list(Member.objects.order_by("pk").values()),
        "events": list(MembershipEvent.objects.order_by("pk").values()),
        "reports": list(Report.objects.order_by("pk").values()),
        "attachments": list(ReportAttachment.objects.order_by("pk").values()),
        "officers": list(Officer.objects.order_by("pk").values()),
        "exports": PersonalDataExport.objects.count(),
        "prepared exports": list(PreparedExport.objects.order_by("pk").values()),
        "files": sorted(files_under(settings.PROTECTED_MEDIA_ROOT)),
        "public files": sorted(files_under(settings.MEDIA_ROOT)),
    }


def member_data(member, **changes) -> dict:
    data = {
        "full_name": member.full_name,
        "gender": member.gender,
        "date_of_birth": member.date_of_birth.isoformat() if member.date_of_birth else "",
        "national_id": member.national_id,
        "phone": "0999888777",
        "email": "doi.ten@example.vn",
        "card_number": member.card_number or "",
        "admitted_on": member.admitted_on.isoformat(),
        "position": "Chủ tịch",
    }
    data.update(changes)
    return data


def report_data(report, **changes) -> dict:
    data = {
        "total_members": "1",
        "female_members": "1",
        "admitted": "0",
        "left": "0",
        "employees": "900",
        "dialogues_held": "4",
        "welfare_members": "2",
        "welfare_amount": "2000000",
        "collective_agreement": "on",
        "change_note": "Sửa theo sổ của đơn vị khác",
        "results": "Kết quả do người ngoài điền",
        "difficulties": "",
        "proposals": "",
    }
    data.update(changes)
    return data


def attacks(target: Branch, attacker_unit: Unit, world) -> list[tuple[str, str, str, object]]:
    """(url name, method, path, data) for every officer-area URL on the target's pks."""
    period = world["period"]
    member = target.member
    own_token = signing.dumps(
        {"name": "nhap-doan-vien/x.xlsx", "unit": attacker_unit.pk}, salt=views.IMPORT_SALT
    )
    their_token = signing.dumps(
        {"name": "nhap-doan-vien/x.xlsx", "unit": target.grassroots.pk}, salt=views.IMPORT_SALT
    )
    new_member = member_data(
        member, full_name="Lường Thị Thu", national_id="011193004567", card_number="ĐB40000001"
    )
    return [
        ("unit", "GET", url("unit", target.upper.pk), None),
        ("unit", "GET", url("unit", target.grassroots.pk), None),
        ("unit", "POST", url("unit", target.upper.pk), {}),
        ("members", "GET", url("members", target.upper.pk), {"q": member.full_name}),
        ("members", "GET", url("members", target.grassroots.pk), None),
        ("members", "POST", url("members", target.grassroots.pk), {}),
        ("member_add", "GET", url("member_add", target.grassroots.pk), None),
        ("member_add", "POST", url("member_add", target.grassroots.pk), new_member),
        ("member_import", "GET", url("member_import", target.grassroots.pk), None),
        (
            "member_import",
            "POST",
            url("member_import", target.grassroots.pk),
            {"file": clean_workbook()},
        ),
        ("member_import", "POST", url("member_import", target.grassroots.pk), {"token": own_token}),
        (
            "member_import",
            "POST",
            url("member_import", target.grassroots.pk),
            {"token": their_token},
        ),
        ("member_export", "GET", url("member_export", target.grassroots.pk), None),
        ("member_export", "POST", url("member_export", target.upper.pk), {}),
        ("member_export", "POST", url("member_export", target.grassroots.pk), {}),
        ("prepared_export", "GET", url("prepared_export", target.upper.pk, target.export.pk), None),
        ("prepared_export", "POST", url("prepared_export", target.upper.pk, target.export.pk), {}),
        (
            "prepared_export_download",
            "GET",
            url("prepared_export_download", target.upper.pk, target.export.pk),
            None,
        ),
        (
            "prepared_export_download",
            "POST",
            url("prepared_export_download", target.upper.pk, target.export.pk),
            {},
        ),
        ("period", "GET", url("period", target.upper.pk, period.pk), None),
        ("period", "POST", url("period", target.upper.pk, period.pk), {}),
        ("period_remind", "GET", url("period_remind", target.upper.pk, period.pk), None),
        ("period_remind", "POST", url("period_remind", target.upper.pk, period.pk), {}),
        ("period_remind", "POST", url("period_remind", target.grassroots.pk, period.pk), {}),
        ("member", "GET", url("member", member.pk), None),
        ("member", "POST", url("member", member.pk), {}),
        ("member_edit", "GET", url("member_edit", member.pk), None),
        ("member_edit", "POST", url("member_edit", member.pk), member_data(member)),
        ("member_transfer", "GET", url("member_transfer", member.pk), None),
        (
            "member_transfer",
            "POST",
            url("member_transfer", member.pk),
            # "Transfer" the member into the attacker's own union.
            {"to_unit": str(attacker_unit.pk), "on": today().isoformat(), "note": "Chuyển"},
        ),
        ("member_leave", "GET", url("member_leave", member.pk), None),
        (
            "member_leave",
            "POST",
            url("member_leave", member.pk),
            {"on": today().isoformat(), "reason": "Tự ý xóa tên"},
        ),
        ("report", "GET", url("report", target.submitted.pk), None),
        ("report", "GET", url("report", target.draft.pk), None),
        ("report", "POST", url("report", target.draft.pk), report_data(target.draft, save="")),
        ("report", "POST", url("report", target.draft.pk), report_data(target.draft, submit="")),
        ("report", "POST", url("report", target.submitted.pk), report_data(target.submitted)),
        ("report_review", "GET", url("report_review", target.submitted.pk), None),
        ("report_review", "POST", url("report_review", target.submitted.pk), {"accept": ""}),
        (
            "report_review",
            "POST",
            url("report_review", target.submitted.pk),
            {"return": "", "reason": "Trả lại cho vui"},
        ),
        ("report_review", "POST", url("report_review", target.submitted.pk), {"return": ""}),
        ("report_attach", "GET", url("report_attach", target.draft.pk), None),
        (
            "report_attach",
            "POST",
            url("report_attach", target.draft.pk),
            {"file": upload("Phụ lục.pdf", pdf_bytes("Phu luc"), "application/pdf")},
        ),
        ("report_attachment", "GET", url("report_attachment", target.file.pk), None),
        ("report_attachment", "POST", url("report_attachment", target.file.pk), {}),
        ("report_attachment_remove", "GET", url("report_attachment_remove", target.file.pk), None),
        ("report_attachment_remove", "POST", url("report_attachment_remove", target.file.pk), {}),
    ]


POST_ONLY = {
    "report_review",
    "report_attach",
    "report_attachment_remove",
    "period_remind",
    "member_export",
}


def urls_with_a_pk() -> set[str]:
    return {pattern.name for pattern in urls.urlpatterns if "pk" in pattern.pattern.converters}


def test_every_url_with_a_pk_is_tried(world):
    tried = {name for name, *_rest in attacks(world["commune"], world["tree"].school, world)}
    assert tried == urls_with_a_pk()
    # Both methods for each.
    for name in urls_with_a_pk():
        methods = {
            method
            for tried_name, method, *_rest in attacks(world["commune"], world["tree"].school, world)
            if tried_name == name
        }
        assert methods == {"GET", "POST"}, name


def request(client, method, path, data):
    if method == "GET":
        return client.get(path, data)
    return client.post(path, data or {})


@pytest.mark.parametrize(
    ("attacker", "target", "own_union"),
    [
        ("ward", "commune", "school"),  # an officer of the sibling second-level union
        ("school", "commune", "school"),  # a grassroots officer of the other branch
        ("clinic", "ward", "clinic"),  # and the other way round
        ("commune", "ward", "clinic"),
    ],
)
def test_an_officer_of_another_branch_gets_404_everywhere_and_nothing_changes(
    world, settings, django_capture_on_commit_callbacks, attacker, target, own_union
):
    client = logged_in(world["people"][attacker], address="10.0.4.1")
    before = database_state(settings)
    own_unit = getattr(world["tree"], own_union)
    answers = []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for name, method, path, data in attacks(world[target], own_unit, world):
            response = request(client, method, path, data)
            expected = 405 if method == "GET" and name in POST_ONLY else 404
            answers.append((name, method, path, response.status_code, expected))
    wrong = [answer for answer in answers if answer[3] != answer[4]]
    assert wrong == []
    assert database_state(settings) == before
    assert mail.outbox == []
    assert callbacks == []
    assert not PersonalDataExport.objects.exists()


def test_a_post_only_url_answers_405_to_get_for_any_pk(world):
    """So the 405 of a GET above tells nothing about whether the pk exists."""
    client = logged_in(world["people"]["ward"], address="10.0.4.2")
    own = world["ward"]
    for path in (
        url("report_review", own.submitted.pk),
        url("report_attach", own.draft.pk),
        url("report_attachment_remove", own.file.pk),
        url("period_remind", own.upper.pk, world["period"].pk),
        url("report_review", 987654),
        url("report_attach", 987654),
    ):
        assert client.get(path).status_code == 405, path


def test_the_urls_tried_are_the_right_ones(world, settings):
    """The branch's own officers open the same pages: the 404s above come from the rule."""
    commune = logged_in(world["people"]["commune"], address="10.0.4.3")
    for name, method, path, _data in attacks(world["commune"], world["tree"].clinic, world):
        if method != "GET" or name in POST_ONLY:
            continue
        response = commune.get(path)
        assert response.status_code == 200, (name, path, response.status_code)


def test_the_branch_itself_may_do_what_the_outsider_could_not(world, settings):
    """The same POSTs by the branch's own officers do change things (the data is valid)."""
    target = world["commune"]
    commune = logged_in(world["people"]["commune"], address="10.0.4.5")
    response = commune.post(url("report_review", target.submitted.pk), {"accept": ""})
    assert response.status_code == 302
    target.submitted.refresh_from_db()
    assert target.submitted.status == "accepted"
    clinic = logged_in(world["people"]["clinic"], address="10.0.4.6")
    response = clinic.post(
        url("member_edit", target.member.pk), member_data(target.member, position="Chủ tịch")
    )
    assert response.status_code == 302
    target.member.refresh_from_db()
    assert target.member.position == "Chủ tịch"
    response = commune.post(url("member_export", target.upper.pk))
    assert response.status_code == 200
    assert PersonalDataExport.objects.count() == 1


def test_a_grassroots_officer_cannot_open_the_unit_above(world, settings):
    tree = world["tree"]
    client = logged_in(world["people"]["school"], address="10.0.4.7")
    before = database_state(settings)
    period = world["period"]
    for upper in (tree.ward, tree.province):
        for path in (
            url("unit", upper.pk),
            url("members", upper.pk),
            url("member_import", upper.pk),
            url("member_add", upper.pk),
            url("period", upper.pk, period.pk),
        ):
            assert client.get(path).status_code == 404, path
        assert client.post(url("period_remind", upper.pk, period.pk)).status_code == 404
        assert client.post(url("member_export", upper.pk)).status_code == 404
    # Nor the sibling union under the same ward.
    assert client.get(url("unit", tree.builder.pk)).status_code == 404
    assert client.get(url("member", world["register"].dung.pk)).status_code == 404
    assert database_state(settings) == before
    assert mail.outbox == []


def test_an_officer_below_cannot_review_or_see_a_report_of_the_unit_above_s_other_units(world):
    """The school's officer sees their own report but not the builder's, beside them."""
    client = logged_in(world["people"]["school"], address="10.0.4.8")
    own, beside = world["ward"].submitted, world["ward"].draft
    assert client.get(url("report", own.pk)).status_code == 200
    assert client.get(url("report", beside.pk)).status_code == 404
    assert client.get(url("report_attachment", world["ward"].file.pk)).status_code == 404
    # Nor review their own.
    assert client.post(url("report_review", own.pk), {"accept": ""}).status_code == 404
    own.refresh_from_db()
    assert own.status == "submitted"


def test_an_officer_whose_role_ended_loses_access_at_once(world):
    officer = world["people"]["clinic"]
    client = logged_in(officer, address="10.0.4.9")
    member = world["commune"].member
    assert client.get(url("member", member.pk)).status_code == 200
    Officer.objects.filter(user=officer).delete()
    assert client.get(url("member", member.pk)).status_code == 403


def test_ids_that_do_not_exist_are_404_not_500(world):
    client = logged_in(world["people"]["ward"], address="10.0.4.10")
    missing = 987654
    for path in (
        url("unit", missing),
        url("members", missing),
        url("member", missing),
        url("member_edit", missing),
        url("report", missing),
        url("report_attachment", missing),
        url("period", world["ward"].upper.pk, missing),
    ):
        assert client.get(path).status_code == 404, path
    for path in (url("report_review", missing), url("report_attachment_remove", missing)):
        assert client.post(path).status_code == 404, path


def test_a_member_of_a_dissolved_branch_is_still_protected(world, settings):
    """A union dissolved last year: its records stay, and stay in their branch."""
    tree = world["tree"]
    old = Member.objects.create(
        unit=tree.cooperative,
        full_name="Quàng Văn Pọm",
        gender="male",
        national_id="011080999999",
        admitted_on=today() - timedelta(days=3650),
    )
    client = logged_in(world["people"]["ward"], address="10.0.4.11")
    assert client.get(url("member", old.pk)).status_code == 404
    assert client.get(url("unit", tree.cooperative.pk)).status_code == 404
