"""The advisers' side: new → assigned → answered → published (or rejected), in the admin,
with who did what kept in the history; the asker is mailed the answer; what is not
published stays with staff, and the asker's contact details never reach a public page."""

import re
from html import unescape

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from federation import roles
from qa import services
from qa.models import Question
from tests.factories import make_staff
from tests.helpers import logged_in, text_of, vi
from tests.qa.factories import ask, make_published

ANSWER = (
    "<p>Theo Điều 98 Bộ luật Lao động 2019, làm thêm vào ngày nghỉ hằng tuần được trả ít "
    "nhất <strong>200%</strong>.</p>"
)


def admin_messages(response) -> list[str]:
    block = re.search(r'<ul class="messagelist">(.*?)</ul>', text_of(response), re.S)
    if not block:
        return []
    return [unescape(m.strip()) for m in re.findall(r"<li[^>]*>(.*?)</li>", block.group(1), re.S)]


def change_url(question) -> str:
    return f"/quan-tri/qa/question/{question.pk}/change/"


def admin_form(question, **changes) -> dict:
    data = {
        "topic": question.topic_id,
        "title": question.title,
        "slug": question.slug or "",
        "public_text": question.public_text,
        "answer": question.answer,
        "documents": [],
        "laws": question.laws,
        "assigned_to": question.assigned_to_id or "",
        "staff_notes": question.staff_notes,
    }
    return {**data, **changes}


def test_an_adviser_answers_and_publishes_in_the_admin_and_the_asker_is_mailed(
    topics, adviser, adviser_client, visitor, django_capture_on_commit_callbacks
):
    question = ask(topics["tien-luong"], name="Lò Thị Hương", email="huong@example.vn")
    mail.outbox.clear()

    response = adviser_client.post(change_url(question), admin_form(question, _take="1"))
    assert response.status_code == 302
    assert admin_messages(adviser_client.get(change_url(question)))[-1] == vi(
        "The question is assigned to you."
    )
    question.refresh_from_db()
    assert (question.status, question.assigned_to) == (Question.Status.ASSIGNED, adviser)

    answered = admin_form(
        question,
        title="Làm thêm ngày Chủ nhật được trả lương thế nào?",
        public_text="Tôi làm thêm ngày Chủ nhật thì được trả bao nhiêu?",
        answer=ANSWER,
        laws="Bộ luật Lao động 2019, Điều 98",
    )
    assert adviser_client.post(change_url(question), answered).status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED
    assert question.answered_by == adviser
    assert question.slug == "lam-them-ngay-chu-nhat-duoc-tra-luong-the-nao"
    # Answered is not published: the public still gets a 404.
    assert visitor.get(question.get_absolute_url()).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        response = adviser_client.post(change_url(question), admin_form(question, _publish="1"))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED
    assert question.published_at is not None
    [answer_mail] = mail.outbox
    assert answer_mail.to == ["huong@example.vn"]
    assert answer_mail.subject == (
        "Câu hỏi pháp luật của bạn đã được trả lời: Làm thêm ngày Chủ nhật được trả lương thế nào?"
    )
    assert "http://testserver/hoi-dap/lam-them-ngay-chu-nhat-duoc-tra-luong-the-nao/" in (
        answer_mail.body
    )
    assert "ít nhất 200%." in answer_mail.body
    assert "<strong>" not in answer_mail.body

    page = visitor.get(question.get_absolute_url())
    assert page.status_code == 200
    assert "Làm thêm ngày Chủ nhật được trả lương thế nào?" in text_of(page)
    assert "nhất <strong>200%</strong>" in text_of(page)
    assert vi("Answered by %(name)s, legal adviser of the federation") % {
        "name": "Hà Thị Thủy"
    } in text_of(page)

    # Every step is in the history, with who made it (the admin's buttons save the form
    # first: a step is where the status changes).
    rows = question.history.order_by("history_date", "history_id")
    steps = []
    for status, user in rows.values_list("status", "history_user"):
        if not steps or steps[-1][0] != status:
            steps.append((status, user))
    assert steps == [
        ("new", None),
        ("assigned", adviser.pk),
        ("answered", adviser.pk),
        ("published", adviser.pk),
    ]


def test_publishing_needs_the_public_question_and_the_answer(topics, adviser, adviser_client):
    question = ask(topics["tien-luong"])
    response = adviser_client.post(change_url(question), admin_form(question, _publish="1"))
    assert response.status_code == 302
    shown = admin_messages(adviser_client.get(change_url(question)))
    assert any(vi("Write the answer before publishing.") in message for message in shown)
    assert any(
        vi("Write the question in one line for readers before publishing.") in message
        for message in shown
    )
    question.refresh_from_db()
    assert question.status == Question.Status.NEW
    assert not mail.outbox[1:]  # only the notice of the question itself


def test_only_a_legal_adviser_may_publish(topics, adviser):
    editor = make_staff("tran.van.binh", roles.NEWS_EDITOR)
    question = ask(topics["tien-luong"])
    question.title, question.public_text, question.answer = "Câu hỏi", "Nội dung", ANSWER
    services.save_question(question, user=adviser)
    with pytest.raises(PermissionDenied):
        services.publish_question(question, user=editor)
    assert logged_in(editor).get(change_url(question)).status_code == 403
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED


def test_a_rejected_question_is_never_published(topics, adviser, adviser_client, visitor):
    question = ask(topics["tien-luong"])
    adviser_client.post(change_url(question), admin_form(question, _reject="1"))
    question.refresh_from_db()
    assert question.status == Question.Status.REJECTED
    question.title, question.public_text, question.answer = "Câu hỏi", "Nội dung", ANSWER
    with pytest.raises(ValidationError) as refused:
        services.publish_question(question, user=adviser)
    assert refused.value.messages == [vi("A rejected question cannot be published.")]


def test_unpublished_questions_answer_404_to_the_public_and_show_to_staff(
    topics, adviser, adviser_client, visitor
):
    question = make_published(topics["tien-luong"], "Lương làm thêm giờ", adviser=adviser)
    services.withdraw_question(question, user=adviser)
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED
    assert visitor.get(question.get_absolute_url()).status_code == 404
    assert "Lương làm thêm giờ" not in text_of(visitor.get("/hoi-dap/"))
    preview = adviser_client.get(question.get_absolute_url())
    assert preview.status_code == 200
    assert vi("Preview for staff: this question is not public (%(status)s).") % {
        "status": vi("Answered")
    } in text_of(preview)


def test_the_askers_contact_and_own_words_never_reach_a_public_page(topics, adviser, visitor):
    question = make_published(
        topics["tien-luong"],
        "Làm thêm giờ được trả lương thế nào?",
        text="Tôi là Lò Thị Hương ở Công ty may Hòa Phong, làm thêm Chủ nhật được bao nhiêu?",
        name="Lò Thị Hương",
        publish_name=False,
        email="lo.thi.huong@example.vn",
        phone="0912 480 115",
        adviser=adviser,
    )
    pages = [
        question.get_absolute_url(),
        "/hoi-dap/",
        topics["tien-luong"].get_absolute_url(),
        "/hoi-dap/rss/",
        "/",
        "/tim-kiem/?q=lam+them+gio",
        "/sitemap.xml",
    ]
    for url in pages:
        html = text_of(visitor.get(url))
        for private in ("lo.thi.huong@example.vn", "0912 480 115", "Lò Thị Hương", "Hòa Phong"):
            assert private not in html, (url, private)
    assert vi("Asked by a reader") in text_of(visitor.get(question.get_absolute_url()))


def test_a_name_the_asker_allowed_is_shown(topics, adviser, visitor):
    question = make_published(
        topics["tien-luong"], "Trả lương chậm", name="Nguyễn Văn Quyết", publish_name=True
    )
    html = text_of(visitor.get(question.get_absolute_url()))
    assert vi("Asked by %(name)s") % {"name": "Nguyễn Văn Quyết"} in html
