"""A worker asks the federation's legal advisers a question, an adviser answers and
publishes it in the admin, and the worker reads the answer and rates it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from federation import roles
from qa.models import Question
from tests.documents.factories import make_classifications, make_document
from tests.e2e.harness import WIDE, WIDTHS
from tests.qa.factories import make_published, make_topics

pytestmark = pytest.mark.e2e

PASSWORD = "Mật-khẩu-thử-2026"
ASKED = (
    "Tôi là Lò Thị Hương, công nhân Công ty may Hòa Phong. Tháng trước tôi làm thêm ngày "
    "Chủ nhật nhưng chỉ được trả như ngày thường. Như vậy có đúng không?"
)


@pytest.fixture
def federation(transactional_db):
    topics = make_topics()
    adviser = get_user_model().objects.create_user(
        "tu.van", password=PASSWORD, is_staff=True, first_name="Hà Thị", last_name="Thủy"
    )
    adviser.groups.add(Group.objects.get(name=roles.LEGAL_ADVISER))
    kinds = make_classifications()
    guidance = make_document(
        "52/HD-LĐLĐ",
        kinds,
        type="guidance",
        issuer="federation",
        summary="Hướng dẫn tổ chức đối thoại tại nơi làm việc",
    )
    make_published(
        topics["tien-luong"],
        "Công ty trả lương chậm có phải đền bù không?",
        answer="<p>Chậm từ 15 ngày trở lên phải trả thêm tiền lãi.</p>",
        adviser=adviser,
    )
    return {"topics": topics, "adviser": adviser, "guidance": guidance}


def answer_in_the_admin(page, harness, question, guidance):
    page.goto(f"/quan-tri/login/?next=/quan-tri/qa/question/{question.pk}/change/")
    page.get_by_label("Tên đăng nhập").fill("tu.van")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"**/quan-tri/qa/question/{question.pk}/change/")
    editor = page.locator(".prose-editor [contenteditable=true]")
    editor.wait_for(state="visible")
    harness.assert_no_console_errors(page)
    # What was asked is there as plain text, for the adviser only.
    assert "Công ty may Hòa Phong" in page.locator(".field-asked_text").text_content()

    page.locator("#id_title").fill("Làm thêm ngày Chủ nhật được trả thế nào?")
    page.locator("#id_public_text").fill(
        "Tôi làm thêm ngày Chủ nhật nhưng chỉ được trả như ngày thường. Như vậy có đúng không?"
    )
    editor.click()
    page.keyboard.type("Không đúng. Làm thêm vào ngày nghỉ hằng tuần được trả ít nhất ")
    page.keyboard.press("Control+b")
    page.keyboard.type("200%")
    page.keyboard.press("Control+b")
    page.keyboard.type(" tiền lương ngày thường.")
    # Cite a document of the library through the autocomplete.
    page.locator(".field-documents .select2-selection").click()
    page.locator(".select2-search__field").fill("52")
    page.locator(".select2-results__option", has_text="52/HD-LĐLĐ").click()
    page.locator("#id_laws").fill("Bộ luật Lao động 2019, Điều 98")
    harness.screenshot(page, "qa-admin-answer")
    page.get_by_role("button", name="Lưu và đăng").click()
    page.wait_for_url(f"**/quan-tri/qa/question/{question.pk}/change/")
    assert "Đã công bố" in page.locator(".messagelist").text_content()
    harness.assert_no_console_errors(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_asking_a_question_and_reading_its_published_answer_after_staff_answer_it(
    page, new_page, open_page, check_page, harness, federation
):
    open_page(page, "/hoi-dap/", name="qa-archive")
    page.get_by_role("link", name="Gửi câu hỏi", exact=True).click()
    page.wait_for_url("**/hoi-dap/gui-cau-hoi/")
    check_page(page, "qa-ask")

    form = page.locator(".qa-ask-form")
    form.get_by_label("Chủ đề").select_option(label="Tiền lương")
    form.get_by_label("Câu hỏi của bạn").fill(ASKED)
    form.get_by_label("Họ và tên").fill("Lò Thị Hương")
    # Neither an email address nor a phone: refused, with everything typed kept.
    with page.expect_navigation() as navigation:
        form.get_by_role("button", name="Gửi câu hỏi").click()
    harness.expect_error_status(page, navigation.value, 400)
    check_page(page, "qa-ask-refused")
    assert "thư điện tử hoặc số điện thoại" in page.locator("#loi-cau-hoi").text_content()
    assert page.evaluate("document.activeElement.id") == "loi-cau-hoi"
    assert form.get_by_label("Câu hỏi của bạn").input_value() == ASKED
    assert not Question.objects.filter(asked_text=ASKED).exists()

    form.get_by_label("Thư điện tử").fill("lo.thi.huong@example.vn")
    with page.expect_navigation():
        form.get_by_role("button", name="Gửi câu hỏi").click()
    check_page(page, "qa-asked")
    assert "Câu hỏi đã được chuyển tới" in page.locator(".messages").text_content()
    question = Question.objects.get(asked_text=ASKED)
    assert question.status == Question.Status.NEW
    mail.outbox.clear()

    staff = new_page(WIDE)
    answer_in_the_admin(staff, harness, question, federation["guidance"])
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED
    assert [message.to for message in mail.outbox] == [["lo.thi.huong@example.vn"]]

    open_page(page, "/hoi-dap/", name="qa-archive-answered")
    page.get_by_role("link", name="Làm thêm ngày Chủ nhật được trả thế nào?").click()
    page.wait_for_url(f"**{question.get_absolute_url()}")
    check_page(page, "qa-answer")
    assert page.locator(".article-body strong").text_content() == "200%"
    cited = page.get_by_role("link", name="Hướng dẫn 52/HD-LĐLĐ")
    assert cited.get_attribute("href") == f"/van-ban/{federation['guidance'].pk}/"
    body = page.locator("main").text_content()
    assert "Hòa Phong" not in body
    assert "lo.thi.huong@example.vn" not in body
    assert "Câu hỏi của bạn đọc" in body  # the name was not allowed to be shown

    with page.expect_navigation():
        page.get_by_role("button", name="Hữu ích", exact=True).click()
    check_page(page, "qa-rated")
    assert "1 người thấy hữu ích" in page.locator(".qa-rating").text_content()
