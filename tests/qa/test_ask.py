"""Asking a question: a good one reaches the advisers and two mails; spam and mistakes are
refused with a Vietnamese reason, nothing saved, everything typed kept; a question holding
a script is kept as text and never runs anywhere it is shown."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils.html import escape

from federation.models import OutgoingMail
from qa import services
from qa.models import Question
from tests.factories import browser
from tests.helpers import logged_in, messages_of, text_of, vi
from tests.qa.factories import make_published

URL = "/hoi-dap/gui-cau-hoi/"


@pytest.fixture
def good(topics):
    return {
        "topic": topics["tien-luong"].pk,
        "text": "Tôi làm thêm ngày Chủ nhật ở xưởng may thì được trả bao nhiêu phần trăm lương?",
        "name": "Quàng Thị Én",
        "email": "quang.thi.en@example.vn",
        "phone": "",
        "website": "",
    }


def send(client, good, **changes):
    return client.post(URL, {**good, **changes})


def assert_refused(response, message: str, typed: dict):
    """Refused with `message`, nothing stored or mailed, and what was typed still there."""
    assert response.status_code == 400
    html = text_of(response)
    assert escape(message) in html
    assert not Question.objects.exists()
    assert not OutgoingMail.objects.exists()
    assert not mail.outbox
    for key, value in typed.items():
        if value and key not in ("topic", "website"):
            assert escape(value) in html, value


def test_a_good_question_is_kept_confirmed_and_announced(
    asker, good, adviser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(asker, good, publish_name="on")
    assert response.status_code == 302
    page = asker.get(response["Location"])
    assert messages_of(page) == [
        vi(
            "Thank you. Your question has reached the federation's legal advisers. The "
            "answer will be sent to you, and published here without your personal details."
        )
    ]
    question = Question.objects.get()
    assert question.status == Question.Status.NEW
    assert question.asked_text == good["text"]
    assert question.shown_name == "Quàng Thị Én"
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ha.thi.thuy@ldld-dienbien.example.vn",
        "quang.thi.en@example.vn",
    ]
    confirmation = next(m for m in mail.outbox if m.to == ["quang.thi.en@example.vn"])
    assert confirmation.subject == "Chúng tôi đã nhận được câu hỏi pháp luật của bạn"
    assert "Kính gửi Quàng Thị Én," in confirmation.body
    notice = next(m for m in mail.outbox if m.to != ["quang.thi.en@example.vn"])
    assert notice.subject == "Câu hỏi pháp luật mới: Tiền lương"
    assert f"/quan-tri/qa/question/{question.pk}/change/" in notice.body


def test_without_an_email_only_the_advisers_hear_of_it(
    asker, good, adviser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert send(asker, good, email="", phone="0912 345 678").status_code == 302
    assert [message.to for message in mail.outbox] == [["ha.thi.thuy@ldld-dienbien.example.vn"]]
    assert Question.objects.get().phone == "0912 345 678"


def test_without_advisers_the_administrators_hear_of_it(
    asker, good, administrator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(asker, good, email="", phone="0912 345 678")
    assert [message.to for message in mail.outbox] == [["lo.thi.xuan@ldld-dienbien.example.vn"]]


def test_the_honeypot_refuses_the_question(asker, good):
    assert_refused(
        send(asker, good, website="http://spam.example"),
        vi(
            "Your message was taken for an automatic one and was not sent: a field meant to "
            "stay empty was filled in (some browsers fill it in by themselves). Please send "
            "it again; what you typed is kept."
        ),
        good,
    )


def test_the_honeypot_is_hidden_from_people_and_screen_readers(asker, topics):
    html = text_of(asker.get(URL))
    assert '<div class="trap" aria-hidden="true">' in html
    assert 'name="website" id="id_website" tabindex="-1" autocomplete="off"' in html


def test_an_address_asking_too_often_is_refused(good, settings):
    settings.QA_QUESTIONS_PER_ADDRESS = 2
    sender = browser(address="203.162.4.191")
    for _number in range(2):
        assert send(sender, good).status_code == 302
    Question.objects.all().delete()
    OutgoingMail.objects.all().delete()
    mail.outbox.clear()
    third = {**good, "text": "Câu hỏi thứ ba về lương làm thêm giờ."}
    assert_refused(
        send(sender, third),
        vi(
            "Several messages have been sent from your connection in a short time. Please "
            "wait an hour and send it again, or call us."
        ),
        third,
    )
    # Another address is not held back.
    assert send(browser(address="14.231.8.20"), good).status_code == 302


def test_a_question_with_too_many_links_is_refused(asker, good):
    text = "Mua ngay: https://a.example http://b.example www.c.example rẻ nhất"
    assert_refused(
        send(asker, good, text=text),
        vi(
            "Your message holds %(count)s web addresses; at most %(limit)s is allowed, to "
            "keep advertising out. Please remove some.",
            "Your message holds %(count)s web addresses; at most %(limit)s are allowed, to "
            "keep advertising out. Please remove some.",
            2,
        )
        % {"count": 3, "limit": 2},
        {**good, "text": text},
    )


def test_two_links_are_allowed(asker, good):
    assert send(asker, good, text="Xem https://a.example và www.b.example").status_code == 302


def test_a_too_long_question_is_refused_and_kept(asker, good):
    text = "Người lao động hỏi về tiền lương. " * 100  # 3.400 characters
    response = send(asker, good, text=text)
    assert_refused(
        response,
        vi(
            "Too long: at most %(limit)s characters (it has %(length)s). Please shorten it; "
            "what you typed is kept below.",
            limit="3.000",
            length="3.399",
        ),
        {key: value for key, value in good.items() if key != "text"},
    )
    assert escape(text.strip()[:300]) in text_of(response)


def test_an_empty_form_says_what_is_missing(asker, topics):
    response = asker.post(URL, {})
    html = text_of(response)
    assert response.status_code == 400
    for message in ("Choose the topic your question is about.", "Please write your question."):
        assert escape(vi(message)) in html
    assert not Question.objects.exists()
    assert not mail.outbox


def test_a_question_without_email_or_phone_is_refused(asker, good):
    assert_refused(
        send(asker, good, email="", phone=""),
        vi("Give an email address or a phone number, so that we can answer you."),
        {**good, "email": ""},
    )


def test_a_name_to_publish_must_be_given(asker, good):
    assert_refused(
        send(asker, good, name="", publish_name="on"),
        vi("Give your name, or untick “Show my name with the question”."),
        {**good, "name": ""},
    )


def test_a_topic_that_does_not_exist_is_refused(asker, good):
    assert_refused(
        send(asker, good, topic="9999"),
        vi("There is no such choice; pick one from the list."),
        good,
    )


SCRIPT = '<script>alert("xss")</script><img src=x onerror=alert(1)> Lương làm thêm?'


def test_a_question_with_a_script_is_kept_as_text_and_never_runs(
    asker, good, adviser, topics, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert send(asker, good, text=SCRIPT, name='<b onmouseover="x()">Én</b>').status_code == 302
    question = Question.objects.get()
    assert question.asked_text == SCRIPT  # stored exactly as typed: plain text
    staff = logged_in(adviser)
    for url in (
        "/quan-tri/qa/question/",
        f"/quan-tri/qa/question/{question.pk}/change/",
        f"/quan-tri/qa/question/{question.pk}/history/",
    ):
        html = text_of(staff.get(url))
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "<b onmouseover" not in html, url
        assert escape('<script>alert("xss")</script>')[:40] in html, url
    # The confirmation mail is plain text: it carries the text, and is no HTML mail.
    confirmation = next(m for m in mail.outbox if m.to == [good["email"]])
    assert SCRIPT in confirmation.body
    assert not getattr(confirmation, "alternatives", None)


def test_a_refused_script_question_is_shown_back_escaped(asker, good):
    response = send(asker, good, text=SCRIPT, email="", phone="")
    html = text_of(response)
    assert response.status_code == 400
    assert "<script>alert" not in html
    assert escape(SCRIPT) in html


def test_a_published_question_never_renders_markup_from_its_text(asker, topics, adviser):
    question = make_published(
        topics["tien-luong"],
        '<script>alert("tiêu đề")</script>',
        public_text=SCRIPT,
        answer='<p>Trả lời.</p><script>alert("trả lời")</script><a href="javascript:x()">x</a>',
        adviser=adviser,
    )
    for url in (question.get_absolute_url(), "/hoi-dap/", "/hoi-dap/rss/", "/"):
        html = text_of(asker.get(url))
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "javascript:x()" not in html, url


def test_the_service_refuses_an_empty_question_whatever_door_it_comes_by(topics):
    with pytest.raises(ValidationError) as refused:
        services.ask_question(
            topic=None,
            text="   \n ",
            name="",
            publish_name=False,
            email="en@example.vn",
            phone="",
            address="113.160.9.9",
        )
    assert refused.value.message_dict == {
        "text": [vi("Please write your question.")],
        "topic": [vi("Choose the topic your question is about.")],
    }
    assert not Question.objects.exists()


def test_an_answer_is_cleaned_when_saved_and_again_when_shown(asker, topics, adviser):
    question = make_published(
        topics["tien-luong"],
        "Lương làm thêm",
        answer='<p onclick="x()">Trả lời.</p><script>alert("lưu")</script>',
        adviser=adviser,
    )
    question.refresh_from_db()
    assert question.answer == "<p>Trả lời.</p>"
    # A row written by another path (an import, a shell) still carries no script to readers.
    Question.objects.filter(pk=question.pk).update(
        answer='<p>Trả lời.</p><script>alert("ghi thẳng")</script>'
    )
    html = text_of(asker.get(question.get_absolute_url()))
    assert "Trả lời." in html
    assert "<script>alert" not in html
