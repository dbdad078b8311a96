"""Vietnamese text helpers (federation/text.py) and the template filters built on them."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from federation.text import (
    exact_words,
    fold,
    format_date,
    format_money,
    format_money_short,
    highlight,
    html_text,
    roman,
    search_terms,
    slugify_vi,
)

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def render(source: str, **context) -> str:
    return Template("{% load portal %}" + source).render(Context(context))


class TestSlugs:
    def test_vietnamese_title_becomes_a_readable_ascii_slug(self):
        assert slugify_vi("Đại hội Công đoàn tỉnh Điện Biên") == "dai-hoi-cong-doan-tinh-dien-bien"

    def test_d_with_stroke_is_kept_as_d_not_dropped(self):
        assert slugify_vi("Đoàn viên đạt danh hiệu") == "doan-vien-dat-danh-hieu"

    def test_punctuation_and_document_symbols_become_single_hyphens(self):
        slug = slugify_vi("Chỉ thị số 92/CT-UBND – “Tết Sum vầy” năm 2024!")
        assert slug == "chi-thi-so-92-ct-ubnd-tet-sum-vay-nam-2024"

    def test_long_titles_are_cut_without_a_trailing_hyphen(self):
        slug = slugify_vi("Hội nghị Ban Chấp hành " * 20, max_length=30)
        assert len(slug) <= 30
        assert not slug.endswith("-")
        assert slug.startswith("hoi-nghi-ban-chap-hanh-hoi")


class TestFold:
    def test_accented_and_plain_spellings_fold_alike(self):
        assert fold("Công Đoàn") == fold("cong doan") == "cong doan"

    def test_d_with_stroke_folds_to_d_in_both_cases(self):
        assert fold("Đ") == "d"
        assert fold("đ") == "d"
        assert fold("ĐIỆN BIÊN") == "dien bien"

    def test_every_tone_mark_is_removed(self):
        assert fold("Nghị quyết Đại hội XII nhiệm kỳ 2023–2028") == (
            "nghi quyet dai hoi xii nhiem ky 2023–2028"
        )
        assert fold("ả ã ạ ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ơ ớ ờ ở ỡ ợ ư ứ ừ ử ữ ự") == (
            "a a a a a a a a a a a a a o o o o o o u u u u u u"
        )

    def test_whitespace_is_collapsed_and_trimmed(self):
        assert fold("  Liên   đoàn\tLao động\n tỉnh ") == "lien doan lao dong tinh"

    def test_decomposed_input_folds_like_precomposed(self):
        """Text pasted from macOS or Word may arrive in NFD form."""
        import unicodedata

        assert fold(unicodedata.normalize("NFD", "Công đoàn")) == "cong doan"

    def test_empty_and_missing_text(self):
        assert fold("") == ""
        assert fold(None) == ""


class TestMoney:
    def test_full_amount_groups_thousands_with_dots(self):
        assert format_money(705_000_000) == "705.000.000 đồng"
        assert format_money(0) == "0 đồng"
        assert format_money(None) == ""

    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            (2_870_000_000, "2,87 tỷ đồng"),
            (4_100_000_000, "4,1 tỷ đồng"),
            (293_500_000, "293,5 triệu đồng"),
            (5_000_000, "5 triệu đồng"),
            (1_000_000_000, "1 tỷ đồng"),
            (1_250_000_000_000, "1.250 tỷ đồng"),
        ],
    )
    def test_short_form_as_the_news_writes_it(self, amount, expected):
        assert format_money_short(amount) == expected

    def test_short_form_below_a_million_is_written_in_full(self):
        assert format_money_short(999_999) == "999.999 đồng"
        assert format_money_short(500_000) == "500.000 đồng"

    def test_short_form_rounds_to_two_decimals(self):
        assert format_money_short(2_876_543_210) == "2,88 tỷ đồng"

    def test_an_amount_that_rounds_up_to_a_thousand_millions_is_said_in_billions(self):
        """999.995.000 đồng rounds to 1.000 triệu, which Vietnamese says as 1 tỷ."""
        assert format_money_short(999_995_000) == "1 tỷ đồng"
        assert format_money_short(999_994_999) == "999,99 triệu đồng"

    def test_filters_render_money_in_templates(self):
        assert render("{{ amount|money }}", amount=705_000_000) == "705.000.000 đồng"
        assert render("{{ amount|money_short }}", amount=2_870_000_000) == "2,87 tỷ đồng"
        assert render("{{ amount|money }}", amount=None) == ""

    def test_number_filter_groups_thousands(self):
        assert render("{{ n|number }}", n=43512) == "43.512"
        assert render("{{ n|number }}", n=1447) == "1.447"
        assert render("{{ n|number }}", n=7) == "7"
        assert render("{{ n|number }}", n=None) == ""


class TestDates:
    """Vietnamese dates: weekday name, day/month/year, local time."""

    def test_moment_in_local_time_with_weekday(self):
        moment = dt.datetime(2023, 10, 10, 6, 49, tzinfo=HANOI)
        with translation.override("vi"):
            assert format_date(moment) == "Thứ ba, 10/10/2023 06:49"

    def test_utc_moment_is_shown_in_vietnamese_time_and_weekday(self):
        """23:49 UTC on Monday 9 October is already Tuesday morning in Hà Nội."""
        moment = dt.datetime(2023, 10, 9, 23, 49, tzinfo=dt.UTC)
        with translation.override("vi"):
            assert format_date(moment) == "Thứ ba, 10/10/2023 06:49"

    def test_date_without_time(self):
        with translation.override("vi"):
            assert format_date(dt.date(2023, 10, 10)) == "Thứ ba, 10/10/2023"

    @pytest.mark.parametrize(
        ("day", "weekday"),
        [
            (dt.date(2024, 1, 1), "Thứ hai"),
            (dt.date(2024, 1, 3), "Thứ tư"),
            (dt.date(2024, 1, 4), "Thứ năm"),
            (dt.date(2024, 1, 5), "Thứ sáu"),
            (dt.date(2024, 1, 6), "Thứ bảy"),
            (dt.date(2024, 1, 7), "Chủ nhật"),
        ],
    )
    def test_every_weekday_has_its_vietnamese_name(self, day, weekday):
        with translation.override("vi"):
            assert format_date(day).startswith(f"{weekday}, ")

    def test_english_visitors_get_english_weekdays(self):
        with translation.override("en"):
            assert format_date(dt.date(2023, 10, 10)) == "Tuesday, 10/10/2023"

    def test_without_weekday(self):
        assert format_date(dt.date(2023, 10, 10), with_weekday=False) == "10/10/2023"
        assert format_date(None) == ""

    def test_vi_date_filter_renders_in_templates(self):
        moment = dt.datetime(2023, 10, 10, 6, 49, tzinfo=HANOI)
        with translation.override("vi"):
            assert render("{{ moment|vi_date }}", moment=moment) == "Thứ ba, 10/10/2023 06:49"


class TestRoman:
    @pytest.mark.parametrize(
        ("number", "expected"),
        [
            (1, "I"),
            (4, "IV"),
            (9, "IX"),
            (12, "XII"),
            (14, "XIV"),
            (2023, "MMXXIII"),
            (3999, "MMMCMXCIX"),
        ],
    )
    def test_congress_ordinals(self, number, expected):
        assert roman(number) == expected

    @pytest.mark.parametrize("number", [0, -3, 4000])
    def test_out_of_range_is_refused(self, number):
        with pytest.raises(ValueError, match="1–3999"):
            roman(number)

    def test_roman_filter_in_templates(self):
        assert render("Đại hội lần thứ {{ n|roman }}", n=12) == "Đại hội lần thứ XII"


def marks(query: str, text: str) -> list[str]:
    return re.findall(
        r"<mark>(.*?)</mark>", highlight(text, search_terms(query), exact=exact_words(query))
    )


class TestSearchMarks:
    TEXT = "Công ty thi công cổng chào; công đoàn cơ sở và Công Đoàn ngành. Cổng thông tin."

    def test_words_together_before_words_apart(self):
        assert marks("cong doan", self.TEXT) == ["công", "đoàn", "Công", "Đoàn"]

    def test_the_form_typed_with_diacritics_first(self):
        assert marks("cổng", self.TEXT) == ["cổng", "Cổng"]
        assert marks("cổng thông tin", self.TEXT) == ["Cổng", "thông", "tin"]

    def test_without_diacritics_a_single_word_marks_every_form(self):
        assert marks("cong", "Công ty thi công cổng chào") == ["Công", "công", "cổng"]

    def test_a_text_with_only_some_of_the_words_gets_no_mark(self):
        assert marks("cong doan", "Công văn 1458/LĐLĐ") == []
        assert marks("cong doan", "Hơn 340 đoàn viên đăng ký hiến máu") == []


def test_html_text_keeps_blocks_apart():
    html = (
        "<h2>Quà tận tay</h2><p>lao động nữ.</p><p>Nhiệm kỳ &amp; <b>x</b></p><ul><li>một</li></ul>"
    )
    assert html_text(html) == "Quà tận tay · lao động nữ. Nhiệm kỳ & x · một"
