"""The contact form: a good message reaches the inbox and two mails; spam and mistakes
are refused with a Vietnamese reason, nothing saved, everything typed kept."""

import pytest
from django.core import mail
from django.utils.html import escape

from about.models import ContactMessage
from federation.models import OutgoingMail
from tests.factories import browser, make_site_profile
from tests.helpers import messages_of, text_of, vi

GOOD = {
    "name": "Quàng Thị Én",
    "email": "quang.thi.en@example.vn",
    "phone": "",
    "subject": "Hỏi về chế độ thai sản",
    "message": "Tôi làm ở Công ty may Hòa Phong, xin hỏi chế độ nghỉ thai sản khi sinh đôi.",
    "website": "",
}


def send(client, **changes):
    return client.post("/lien-he/", {**GOOD, **changes})


def assert_refused(response, message: str, typed: dict):
    """Refused with `message`, nothing stored or mailed, and what was typed still there."""
    assert response.status_code == 400
    html = text_of(response)
    assert escape(message) in html
    assert not ContactMessage.objects.exists()
    assert not OutgoingMail.objects.exists()
    assert not mail.outbox
    for value in typed.values():
        if value:
            assert escape(value) in html, value


def test_the_page_shows_the_federations_contact_details(visitor, db):
    make_site_profile(
        hotline="0215 3829 000",
        working_hours="Thứ hai – Thứ sáu, 7:30–17:00",
        map_url="https://www.openstreetmap.org/?mlat=21.38&mlon=103.02",
    )
    html = text_of(visitor.get("/lien-he/"))
    assert "Số 8, đại lộ Lê Duẩn" in html
    assert (
        f'{vi("Hotline")}</dt><dd><a class="hotline" href="tel:02153829000">0215 3829 000' in html
    )
    assert "Thứ hai – Thứ sáu, 7:30–17:00" in html
    assert 'href="https://www.openstreetmap.org/?mlat=21.38&amp;mlon=103.02"' in html


def test_a_good_message_is_kept_confirmed_and_announced(
    visitor, administrator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(visitor)
    assert response.status_code == 302
    page = visitor.get(response["Location"])
    assert messages_of(page) == [
        vi("Thank you. Your message has reached the federation's office; we will answer you soon.")
    ]
    contact = ContactMessage.objects.get()
    assert contact.status == ContactMessage.Status.NEW
    assert contact.subject == GOOD["subject"]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "lo.thi.xuan@ldld-dienbien.example.vn",
        "quang.thi.en@example.vn",
    ]
    confirmation = next(m for m in mail.outbox if m.to == ["quang.thi.en@example.vn"])
    assert confirmation.subject == "Chúng tôi đã nhận được thư của bạn: Hỏi về chế độ thai sản"
    assert "Kính gửi Quàng Thị Én," in confirmation.body
    notice = next(m for m in mail.outbox if m.to != ["quang.thi.en@example.vn"])
    assert f"/quan-tri/about/contactmessage/{contact.pk}/change/" in notice.body


def test_the_staff_list_can_be_set_in_the_settings(
    visitor, administrator, settings, django_capture_on_commit_callbacks
):
    settings.CONTACT_NOTIFY_EMAILS = ["hopthu@ldld-dienbien.example.vn"]
    with django_capture_on_commit_callbacks(execute=True):
        send(visitor, email="", phone="0912 345 678")
    # No email to confirm to: only the staff hear of it, at the configured address.
    assert [message.to for message in mail.outbox] == [["hopthu@ldld-dienbien.example.vn"]]
    assert ContactMessage.objects.get().phone == "0912 345 678"


def test_the_honeypot_refuses_the_message(visitor, db):
    typed = {**GOOD, "website": "http://spam.example"}
    assert_refused(
        send(visitor, website="http://spam.example"),
        vi(
            "Your message was taken for an automatic one and was not sent: a field meant to "
            "stay empty was filled in (some browsers fill it in by themselves). Please send "
            "it again; what you typed is kept."
        ),
        {key: value for key, value in typed.items() if key != "website"},
    )


def test_the_honeypot_is_hidden_from_people_and_screen_readers(visitor, db):
    html = text_of(visitor.get("/lien-he/"))
    assert '<div class="trap" aria-hidden="true">' in html
    assert 'name="website" id="id_website" tabindex="-1" autocomplete="off"' in html


def test_an_address_sending_too_often_is_refused(db, settings):
    settings.CONTACT_MESSAGES_PER_ADDRESS = 2
    sender = browser(address="203.162.4.191")
    for _number in range(2):
        assert send(sender).status_code == 302
    ContactMessage.objects.all().delete()
    OutgoingMail.objects.all().delete()
    mail.outbox.clear()
    assert_refused(
        send(sender, subject="Lần thứ ba"),
        vi(
            "Several messages have been sent from your connection in a short time. Please "
            "wait an hour and send it again, or call us."
        ),
        {**GOOD, "subject": "Lần thứ ba"},
    )
    # Another address is not held back.
    assert send(browser(address="14.231.8.20")).status_code == 302


def test_a_message_with_too_many_links_is_refused(visitor, db):
    text = "Mua ngay: https://a.example http://b.example www.c.example rẻ nhất"
    assert_refused(
        send(visitor, message=text),
        vi(
            "Your message holds %(count)s web addresses; at most %(limit)s is allowed, to "
            "keep advertising out. Please remove some.",
            "Your message holds %(count)s web addresses; at most %(limit)s are allowed, to "
            "keep advertising out. Please remove some.",
            2,
        )
        % {"count": 3, "limit": 2},
        {**GOOD, "message": text},
    )


def test_two_links_are_allowed(visitor, db):
    assert send(visitor, message="Xem https://a.example và www.b.example").status_code == 302


def test_a_too_long_message_is_refused_and_kept(visitor, db):
    text = "Người lao động hỏi. " * 200  # 4.000 characters
    response = send(visitor, message=text)
    assert_refused(
        response,
        vi(
            "Too long: at most %(limit)s characters (it has %(length)s). Please shorten it; "
            "what you typed is kept below.",
            limit="3.000",
            length="3.999",
        ),
        {key: value for key, value in GOOD.items() if key != "message"},
    )
    assert escape(text.strip()[:200]) in text_of(response)


def test_an_empty_form_says_what_is_missing(visitor, db):
    response = visitor.post("/lien-he/", {})
    html = text_of(response)
    assert response.status_code == 400
    for message in (
        "Please give your name.",
        "Please give a subject.",
        "Please write your message.",
    ):
        assert escape(vi(message)) in html
    assert not ContactMessage.objects.exists()
    assert not mail.outbox


def test_a_message_without_email_or_phone_is_refused(visitor, db):
    assert_refused(
        send(visitor, email="", phone=""),
        vi("Give an email address or a phone number, so that we can answer you."),
        {**GOOD, "email": ""},
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "quang.thi.en@", "This email address does not look right."),
        (
            "phone",
            "gọi tôi",
            "This phone number does not look right: write its digits, e.g. 0215 3825 168.",
        ),
    ],
)
def test_a_malformed_address_is_refused(visitor, db, field, value, message):
    assert_refused(send(visitor, **{field: value}), vi(message), {**GOOD, field: value})


def test_staff_work_through_the_inbox_with_history(administrator, visitor):
    from tests.helpers import logged_in

    send(visitor)
    contact = ContactMessage.objects.get()
    staff = logged_in(administrator)
    inbox = text_of(staff.get("/quan-tri/about/contactmessage/"))
    assert GOOD["subject"] in inbox
    response = staff.post(
        f"/quan-tri/about/contactmessage/{contact.pk}/change/",
        {"status": "answered", "handled_by": administrator.pk, "notes": "Đã gọi lại cho chị Én."},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == "answered"
    assert contact.handled_by == administrator
    assert contact.history.count() == 2
    # Answered and closed messages leave the default view of the inbox.
    assert 'id="result_list"' not in text_of(staff.get("/quan-tri/about/contactmessage/"))
    listed = text_of(staff.get("/quan-tri/about/contactmessage/?status=all"))
    assert 'id="result_list"' in listed
