"""Fixtures of the library's tests: the news desk (who keeps the library), albums, videos."""

import pytest

from federation import roles
from tests.factories import make_staff
from tests.gallery.factories import make_album
from tests.helpers import logged_in


@pytest.fixture
def editor(db):
    """A news editor: keeps the albums and the videos."""
    return make_staff("tran.van.binh", roles.NEWS_EDITOR, first_name="Trần Văn", last_name="Bình")


@pytest.fixture
def editor_client(editor):
    return logged_in(editor, address="10.0.0.31")


@pytest.fixture
def album(db):
    return make_album(
        "Ngày hội hiến máu “Giọt hồng Điện Biên”",
        photos=4,
        description="Hơn 300 đoàn viên tham gia hiến máu tình nguyện.",
    )
