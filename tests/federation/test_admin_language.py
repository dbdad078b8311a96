"""The admin speaks Vietnamese: Django's, django-axes' and simple-history's strings too.

The strings come from locale_overrides/ (Django's own Vietnamese is older than its admin
and words some things awkwardly; the libraries ship none); the browser side, with the
editor's toolbar, is tests/e2e/test_admin_pages.py.
"""

import json
import re

import pytest
from django.utils.html import escape

from federation import roles
from tests.factories import make_staff, make_user
from tests.helpers import logged_in
from tests.news.factories import make_article, make_categories

# Stock English (and stock awkward Vietnamese) the admin showed before.
ENGLISH = (
    "Skip to main content",
    "Toggle theme",
    "Toggle navigation",
    "Filter navigation items",
    "Model name",
    "Add link",
    "Change or view list link",
    "Models in the",
    "Axes",
    "AXES",
    "Access attempts",
    "Access failures",
    "Access logs",
    "Show counts",
    "Added:",
    "Select this object for an action",
    "Select all objects on this page",
    "Choose a date from the list",
    "Changed by",
    "Change reason",
    "Thêm vào",
    "Bản ghi nhớ",
    "Bởi ",
    "Các mô models",
    ">Đi đến<",
)


def english_on(response) -> list[str]:
    page = response.content.decode()
    return [phrase for phrase in ENGLISH if escape(phrase) in page or phrase in page]


@pytest.fixture
def desk(db):
    categories = make_categories()
    editor = make_staff("tran.van.binh", roles.NEWS_EDITOR, first_name="Trần Văn")
    article = make_article("Hội nghị công nhân lao động", categories["union"], by=editor)
    article.summary = "Tóm tắt đã sửa."
    article.save()
    return editor, article


@pytest.fixture
def administrator(db):
    return make_user("quan.tri", is_superuser=True, first_name="Lò Văn", last_name="Mừng")


def test_the_admin_index_names_every_section_in_vietnamese(administrator):
    response = logged_in(administrator).get("/quan-tri/")
    assert response.status_code == 200
    assert english_on(response) == []
    page = response.content.decode()
    assert "Khóa đăng nhập" in page
    assert "Lần đăng nhập sai" in page
    assert "Chuyển đến nội dung chính" in page
    assert re.search(r'class="addlink"[^>]*>\s*Thêm\s*<', page)


def test_an_editors_article_list_and_filters_are_in_vietnamese(desk):
    editor, _article = desk
    response = logged_in(editor).get("/quan-tri/news/article/")
    assert response.status_code == 200
    assert english_on(response) == []
    page = response.content.decode()
    assert "Theo trạng thái" in page
    assert "Hiện số lượng" in page
    assert "Thực hiện" in page


def test_the_change_history_of_an_article_is_in_vietnamese(desk):
    editor, article = desk
    response = logged_in(editor).get(f"/quan-tri/news/article/{article.pk}/history/")
    assert response.status_code == 200
    assert english_on(response) == []
    page = response.content.decode()
    assert "Xem lịch sử: Hội nghị công nhân lao động" in page
    assert "Người sửa" in page
    assert "Đã sửa" in page


def test_the_lockout_section_is_in_vietnamese(administrator):
    response = logged_in(administrator).get("/quan-tri/axes/accessattempt/")
    assert response.status_code == 200
    assert english_on(response) == []
    assert "Chọn lần đăng nhập để thay đổi" in response.content.decode()


def test_the_admin_script_catalogue_has_the_choosers_the_action_bar_and_the_editor(desk):
    editor, _article = desk
    response = logged_in(editor).get("/quan-tri/jsi18n/")
    assert response.status_code == 200
    source = response.content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", source, re.S).group(1))
    assert catalog["Choose all %s"] == "Chọn tất cả %s"
    assert catalog["Remove all %s"] == "Bỏ tất cả %s"
    assert catalog["%(sel)s of %(cnt)s selected"] == ["Đã chọn %(sel)s/%(cnt)s"]
    assert catalog["bold"] == "In đậm"
    assert catalog["Heading %s"] == "Đề mục cấp %s"
