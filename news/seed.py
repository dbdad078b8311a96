"""Demo news of the Điện Biên federation: categories, tags, articles with pictures, readers.

Every row goes through the news services where there is one (save_article, save_photo,
publish_article, submit_article, rate_article) and is remembered as demo content. Rows
are looked up by their natural keys (slugs, article and number, article and voter), so
running the step again changes nothing that is already in place. Pictures are drawn with
Pillow from a fixed seed, and only for rows that do not have one yet.
"""

import functools
import io
import math
import random
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFont

from federation.demo import is_demo, remember
from federation.text import format_number, slugify_vi
from members.figures import register_size
from members.models import Sector
from news import services
from news.models import Article, Category, Comment, Photo, Rating, Tag

# ---------------------------------------------------------------------------------------
# Body building blocks: the same small set of HTML the editor offers.


def p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def h2(text: str) -> str:
    return f"<h2>{escape(text)}</h2>"


def h3(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li><p>{escape(item)}</p></li>" for item in items) + "</ul>"


def quote(text: str) -> str:
    return f"<blockquote><p>{escape(text)}</p></blockquote>"


def table(head: tuple[str, ...], *rows: tuple[str, ...]) -> str:
    header = "".join(f"<th><p>{escape(cell)}</p></th>" for cell in head)
    body = "".join(
        "<tr>" + "".join(f"<td><p>{escape(cell)}</p></td>" for cell in row) + "</tr>"
        for row in rows
    )
    return f"<table><tbody><tr>{header}</tr>{body}</tbody></table>"


def photo(number: int) -> str:
    """A paragraph the article page replaces with photo `number` (news.rendering)."""
    return f"<p>[ảnh {number}]</p>"


# ---------------------------------------------------------------------------------------
# What the demo holds.

# Slug keys are the slugs of the names (federation.text.slugify_vi).
HOAT_DONG_CONG_DOAN = "hoat-dong-cong-doan"
HOAT_DONG_CO_SO = "hoat-dong-co-so"
CHINH_SACH = "chinh-sach-phap-luat"
GUONG_DIEN_HINH = "guong-dien-hinh"
NU_CONG = "nu-cong"
CHAM_LO = "cham-lo-doan-vien"


@dataclass(frozen=True)
class CategorySpec:
    name: str
    description: str
    order: int
    parent: str | None = None
    show_on_home: bool = False


CATEGORIES = (
    CategorySpec(
        "Tin tức – Sự kiện",
        "Tin hoạt động của Liên đoàn Lao động tỉnh và của các cấp công đoàn trong tỉnh.",
        1,
        show_on_home=True,
    ),
    CategorySpec(
        "Hoạt động công đoàn",
        "Hội nghị, phong trào thi đua và các chương trình lớn do Liên đoàn Lao động tỉnh chủ trì.",
        1,
        parent="tin-tuc-su-kien",
    ),
    CategorySpec(
        "Hoạt động cơ sở",
        "Tin từ công đoàn cơ sở, công đoàn xã, phường và công đoàn ngành: đại hội, "
        "thương lượng tập thể, phong trào ở nơi làm việc.",
        2,
        parent="tin-tuc-su-kien",
    ),
    CategorySpec(
        "Chính sách – Pháp luật",
        "Giải thích chính sách, pháp luật về lao động, công đoàn, tiền lương và bảo hiểm "
        "cho đoàn viên, người lao động.",
        2,
        show_on_home=True,
    ),
    CategorySpec(
        "Gương điển hình",
        "Những đoàn viên, cán bộ công đoàn và tập thể tiêu biểu trong lao động, sản xuất "
        "và hoạt động công đoàn.",
        3,
        show_on_home=True,
    ),
    CategorySpec(
        "Nữ công",
        "Hoạt động vì nữ đoàn viên, lao động nữ: bình đẳng giới, chăm sóc sức khỏe, phong "
        "trào “Giỏi việc nước, đảm việc nhà”.",
        4,
    ),
    CategorySpec(
        "Chăm lo đoàn viên",
        "Mái ấm Công đoàn, Tết Sum vầy, thăm hỏi, trợ cấp, học bổng và các chương trình "
        "phúc lợi cho đoàn viên.",
        5,
    ),
)

TAGS = (
    "Tháng Công nhân",
    "Tết Sum vầy",
    "Mái ấm Công đoàn",
    "Đại hội Công đoàn",
    "An toàn vệ sinh lao động",
    "Thỏa ước lao động tập thể",
    "Tập huấn cán bộ",
    "Đối thoại",
    "Đoàn phí",
    "Kinh phí công đoàn",
    "Luật Công đoàn",
    "Tư vấn pháp luật",
    "Thể thao – Văn hóa",
    "Hiến máu tình nguyện",
    "Học bổng",
    "Lao động nữ",
    "Lao động giỏi",
    "Sáng kiến",
    "Phúc lợi đoàn viên",
    "Thiên tai",
)


@dataclass(frozen=True)
class PhotoSpec:
    scene: str
    alt: str
    caption: str


@dataclass(frozen=True)
class CommentSpec:
    name: str
    text: str
    approved: bool = True


@dataclass(frozen=True)
class Story:
    """One demo article. `days` before today (negative: scheduled ahead); None: unpublished."""

    title: str
    category: str
    summary: str
    body: tuple[str, ...]
    byline: str
    days: int | None
    at: str = "08:00"
    status: str = Article.Status.PUBLISHED
    source: str = ""
    tags: tuple[str, ...] = ()
    extra_categories: tuple[str, ...] = ()
    featured: bool = False
    views: int = 0
    scene: str | None = None
    cover_caption: str = ""
    photos: tuple[PhotoSpec, ...] = ()
    ratings: tuple[int, ...] = ()
    comments: tuple[CommentSpec, ...] = ()
    # A union whose figures the text states: "{members}", "{unions}", "{public}",
    # "{non_state}", "{admitted}" and "{founded}" in the summary and body are read from the
    # register as of the story's day when the demo is loaded (the register step runs before
    # this one), never typed.
    about_unit: str = ""


FEDERATION = "Liên đoàn Lao động tỉnh Điện Biên"  # the top of the demo register

STORIES = (
    # --- Tin tức – Sự kiện › Hoạt động công đoàn -------------------------------------
    Story(
        title="Liên đoàn Lao động tỉnh triển khai chương trình “Tết Sum vầy”, dự kiến trao "
        "hơn 5.200 suất quà",
        category=HOAT_DONG_CONG_DOAN,
        summary="Các cấp công đoàn trong tỉnh dự kiến trao hơn 5.200 suất quà, tổng trị giá "
        "khoảng 2,87 tỷ đồng, cho đoàn viên, người lao động có hoàn cảnh khó khăn dịp Tết "
        "Nguyên đán.",
        body=(
            p(
                "Ban Thường vụ Liên đoàn Lao động tỉnh vừa ban hành kế hoạch tổ chức "
                "chương trình “Tết Sum vầy” và các hoạt động chăm lo Tết cho đoàn viên, người "
                "lao động. Theo kế hoạch, các cấp công đoàn trong tỉnh dự kiến trao hơn 5.200 "
                "suất quà với tổng trị giá khoảng 2,87 tỷ đồng, từ nguồn tài chính công đoàn, "
                "nguồn xã hội hóa và sự hỗ trợ của người sử dụng lao động."
            ),
            h2("Ưu tiên đoàn viên ở vùng sâu, vùng xa"),
            p(
                "Đối tượng được ưu tiên là đoàn viên có hoàn cảnh đặc biệt khó khăn, bị tai "
                "nạn lao động, mắc bệnh hiểm nghèo, bị mất việc làm hoặc giảm thu nhập, đoàn "
                "viên là người dân tộc thiểu số làm việc tại các xã vùng cao như Mường Nhé, "
                "Nậm Pồ, Tủa Chùa. Mỗi suất quà gồm tiền mặt từ 500.000 đến 1.000.000 đồng, "
                "kèm nhu yếu phẩm do các doanh nghiệp đồng hành tài trợ."
            ),
            table(
                ("Hoạt động", "Số suất dự kiến", "Trị giá"),
                ("Quà Tết cho đoàn viên khó khăn", "4.300", "2,15 tỷ đồng"),
                ("Chuyến xe Công đoàn đưa người lao động về quê", "12 chuyến", "96 triệu đồng"),
                ("Chợ Tết Công đoàn (phiếu mua hàng)", "900", "270 triệu đồng"),
                ("Thăm, tặng quà công nhân trực Tết", "60", "30 triệu đồng"),
            ),
            p(
                "Liên đoàn Lao động tỉnh đề nghị các công đoàn cơ sở rà soát, lập danh sách "
                "đúng đối tượng, công khai tại nơi làm việc và gửi về công đoàn cấp trên chậm "
                "nhất một tháng trước Tết. Việc trao quà phải hoàn thành trước ngày 25 tháng "
                "Chạp để đoàn viên kịp chuẩn bị đón Tết."
            ),
            quote(
                "Không để đoàn viên, người lao động nào không có Tết là yêu cầu xuyên suốt "
                "của chương trình năm nay."
            ),
        ),
        byline="Lò Thị Mai – LĐLĐ tỉnh",
        days=2,
        at="08:15",
        tags=("Tết Sum vầy", "Phúc lợi đoàn viên"),
        featured=True,
        views=486,
        scene="gift",
        cover_caption="Chương trình “Tết Sum vầy” năm nay ưu tiên đoàn viên ở các xã vùng cao. "
        "Ảnh minh họa.",
        photos=(
            PhotoSpec(
                "gift",
                "Minh họa: những hộp quà buộc nơ xếp cạnh nhau trên nền đỏ",
                "Quà Tết được chuẩn bị cho đoàn viên có hoàn cảnh khó khăn (ảnh minh họa).",
            ),
            PhotoSpec(
                "crowd",
                "Minh họa: hàng người đứng trước sân khấu có băng rôn đỏ và ngôi sao vàng",
                "Chương trình “Tết Sum vầy” năm trước tại phường Điện Biên Phủ (ảnh minh họa).",
            ),
        ),
        ratings=(5, 5, 4, 5, 4, 5),
        comments=(
            CommentSpec(
                "Quàng Thị Thơm",
                "Năm ngoái tôi được nhận quà Tết của công đoàn, cả nhà rất vui. Mong năm nay "
                "công đoàn quan tâm thêm đến công nhân thời vụ ở các công trình.",
            ),
            CommentSpec(
                "Nguyễn Văn Hùng",
                "Chuyến xe đưa công nhân về quê rất thiết thực. Xin hỏi đăng ký ở đâu và "
                "hạn chót là ngày nào ạ?",
            ),
            CommentSpec(
                "Lò Văn Chiến",
                "Đề nghị công đoàn công bố danh sách nhận quà ở từng đơn vị để anh em theo "
                "dõi cho minh bạch.",
                approved=False,
            ),
        ),
    ),
    Story(
        title="Ban Chấp hành Liên đoàn Lao động tỉnh sơ kết 9 tháng, tập trung nhiệm vụ "
        "những tháng cuối năm",
        category=HOAT_DONG_CONG_DOAN,
        summary="Từ đầu năm, các cấp công đoàn kết nạp mới {admitted} đoàn viên, thành lập "
        "{founded} công đoàn cơ sở và chăm lo cho hơn 7.800 lượt đoàn viên với tổng kinh phí "
        "trên 3,4 tỷ đồng.",
        body=(
            p(
                "Hội nghị Ban Chấp hành Liên đoàn Lao động tỉnh sơ kết công tác 9 tháng đầu "
                "năm được tổ chức tại trụ sở Liên đoàn, với sự tham dự của các ủy viên Ban "
                "Chấp hành, chủ tịch công đoàn các xã, phường và công đoàn ngành."
            ),
            p(
                "Báo cáo tại hội nghị cho biết, trong bối cảnh sắp xếp lại tổ chức công đoàn "
                "theo đơn vị hành chính mới, các cấp công đoàn vẫn duy trì ổn định hoạt động, "
                "không để gián đoạn việc chăm lo, bảo vệ quyền lợi của đoàn viên."
            ),
            table(
                ("Chỉ tiêu", "Kết quả 9 tháng", "So với kế hoạch năm"),
                ("Kết nạp đoàn viên mới", "{admitted} người", "–"),
                ("Thành lập công đoàn cơ sở", "{founded} đơn vị", "–"),
                ("Lượt đoàn viên được chăm lo", "7.840 lượt", "–"),
                ("Kinh phí chăm lo", "3,42 tỷ đồng", "–"),
                ("Thỏa ước lao động tập thể mới ký", "14 bản", "70%"),
            ),
            h2("Những việc cần làm ngay"),
            ul(
                "Hoàn thành kết nạp đoàn viên, thành lập công đoàn cơ sở ở doanh nghiệp "
                "ngoài nhà nước có từ 25 lao động trở lên.",
                "Chuẩn bị chu đáo chương trình “Tết Sum vầy” và các hoạt động chăm lo Tết.",
                "Đôn đốc thu nộp kinh phí, đoàn phí công đoàn theo quy định mới.",
                "Tổng hợp báo cáo năm của công đoàn cơ sở qua cổng thông tin đúng hạn.",
            ),
            p(
                "Kết luận hội nghị, Chủ tịch Liên đoàn Lao động tỉnh đề nghị các ủy viên Ban "
                "Chấp hành bám sát cơ sở, nắm chắc tình hình việc làm, thu nhập của người lao "
                "động dịp cuối năm, không để xảy ra tranh chấp lao động tập thể."
            ),
        ),
        byline="Văn phòng LĐLĐ tỉnh",
        about_unit=FEDERATION,
        days=41,
        at="14:30",
        views=523,
        scene="crowd",
        cover_caption="Quang cảnh hội nghị Ban Chấp hành Liên đoàn Lao động tỉnh. Ảnh minh họa.",
    ),
    Story(
        title="Tập huấn nghiệp vụ cho 180 cán bộ công đoàn cơ sở mới được bầu",
        category=HOAT_DONG_CONG_DOAN,
        summary="Trong ba ngày, học viên được trang bị kỹ năng thương lượng tập thể, quản lý "
        "tài chính công đoàn và sử dụng cổng thông tin để gửi báo cáo định kỳ.",
        body=(
            p(
                "Liên đoàn Lao động tỉnh vừa tổ chức lớp tập huấn nghiệp vụ cho 180 chủ tịch, "
                "phó chủ tịch và ủy viên ban chấp hành công đoàn cơ sở mới được bầu, phần lớn "
                "lần đầu làm công tác công đoàn."
            ),
            h2("Học đi đôi với thực hành"),
            p(
                "Các chuyên đề gồm: nhiệm vụ của công đoàn cơ sở theo Luật Công đoàn năm 2024; "
                "kỹ năng đối thoại, thương lượng tập thể; quản lý tài chính, tài sản công đoàn; "
                "và cách lập danh sách đoàn viên, gửi báo cáo qua cổng thông tin của Liên đoàn."
            ),
            photo(2),
            p(
                "Học viên được chia nhóm đóng vai người sử dụng lao động và ban chấp hành công "
                "đoàn để thương lượng về tiền ăn ca, chế độ nghỉ và thưởng cuối năm. Nhiều tình "
                "huống được đưa ra từ chính thực tế doanh nghiệp nơi học viên làm việc."
            ),
            quote(
                "Trước đây tôi nghĩ làm công đoàn chỉ là tổ chức thăm hỏi. Sau lớp này tôi biết "
                "cách chuẩn bị số liệu để ngồi vào bàn thương lượng với giám đốc."
            ),
            p(
                "Kết thúc lớp học, 100% học viên hoàn thành bài kiểm tra. Liên đoàn Lao động "
                "tỉnh sẽ tiếp tục mở hai lớp tương tự cho cán bộ công đoàn các xã vùng cao."
            ),
        ),
        byline="Ban Tổ chức",
        days=12,
        at="09:40",
        tags=("Tập huấn cán bộ",),
        views=311,
        scene="book",
        cover_caption="Lớp tập huấn dành cho cán bộ công đoàn cơ sở mới được bầu. Ảnh minh họa.",
        photos=(
            PhotoSpec(
                "crowd",
                "Minh họa: các học viên ngồi theo hàng trước một bục có băng rôn",
                "Học viên tham dự lễ khai giảng lớp tập huấn (ảnh minh họa).",
            ),
            PhotoSpec(
                "document",
                "Minh họa: tập tài liệu có dòng kẻ và con dấu đỏ bên cạnh cây bút",
                "Tài liệu chuyên đề thương lượng tập thể phát cho học viên (ảnh minh họa).",
            ),
        ),
    ),
    Story(
        title="Đối thoại với công nhân lao động: 27 ý kiến được trả lời tại chỗ",
        category=HOAT_DONG_CONG_DOAN,
        summary="Hội nghị đối thoại giữa lãnh đạo tỉnh với công nhân lao động tập trung vào "
        "nhà ở, nhà trẻ cho con công nhân và việc chậm đóng bảo hiểm xã hội ở một số doanh "
        "nghiệp.",
        body=(
            p(
                "Hội nghị đối thoại giữa lãnh đạo Ủy ban nhân dân tỉnh với công nhân, lao động "
                "do Liên đoàn Lao động tỉnh phối hợp tổ chức đã thu hút gần 300 đoàn viên đến "
                "từ các doanh nghiệp, cơ quan, đơn vị trên địa bàn."
            ),
            p(
                "Trong số 41 ý kiến gửi đến hội nghị, 27 ý kiến được lãnh đạo tỉnh và các sở, "
                "ngành trả lời trực tiếp; các ý kiến còn lại được giao cơ quan chuyên môn trả "
                "lời bằng văn bản trong 30 ngày."
            ),
            h2("Nhà ở và nhà trẻ là mối quan tâm hàng đầu"),
            p(
                "Nhiều công nhân phản ánh giá phòng trọ tăng trong khi thu nhập chưa cải thiện, "
                "con nhỏ chưa có chỗ gửi khi bố mẹ làm ca. Đại diện Sở Xây dựng thông tin về "
                "dự án nhà ở xã hội đang triển khai và đề nghị công đoàn giới thiệu đoàn viên "
                "đủ điều kiện đăng ký."
            ),
            quote(
                "Những kiến nghị chính đáng của người lao động phải được giải quyết đến nơi "
                "đến chốn, có địa chỉ, có thời hạn cụ thể."
            ),
            p(
                "Liên đoàn Lao động tỉnh sẽ theo dõi, đôn đốc việc trả lời các ý kiến và thông "
                "tin kết quả tới đoàn viên qua cổng thông tin này."
            ),
        ),
        byline="Ban Tuyên giáo",
        days=26,
        at="16:05",
        tags=("Đối thoại",),
        views=402,
        scene="crowd",
        cover_caption="Công nhân nêu ý kiến tại hội nghị đối thoại. Ảnh minh họa.",
    ),
    Story(
        title="Tổng kết Tháng Công nhân: hơn 3.400 đoàn viên được thăm hỏi, tặng quà",
        category=HOAT_DONG_CONG_DOAN,
        summary="Tháng Công nhân năm nay có 3.412 đoàn viên được thăm hỏi, tặng quà với tổng "
        "trị giá 1,36 tỷ đồng; 48 doanh nghiệp tổ chức đối thoại tại nơi làm việc.",
        body=(
            p(
                "Liên đoàn Lao động tỉnh vừa tổng kết Tháng Công nhân và Tháng hành động về an "
                "toàn, vệ sinh lao động. Các hoạt động được tổ chức đồng loạt ở 100% công đoàn "
                "cấp trên trực tiếp cơ sở và phần lớn công đoàn cơ sở trong tỉnh."
            ),
            table(
                ("Nội dung", "Kết quả"),
                ("Đoàn viên được thăm hỏi, tặng quà", "3.412 người"),
                ("Tổng trị giá quà", "1,36 tỷ đồng"),
                ("Doanh nghiệp tổ chức đối thoại", "48"),
                ("Đoàn viên được khám sức khỏe miễn phí", "1.250 người"),
                ("Bữa cơm Công đoàn được tổ chức", "35"),
            ),
            h2("“Bữa cơm Công đoàn” ấm tình đồng nghiệp"),
            p(
                "Điểm nhấn của Tháng Công nhân năm nay là 35 “Bữa cơm Công đoàn” với sự tham "
                "gia của người sử dụng lao động. Tại bữa cơm, lãnh đạo doanh nghiệp và công "
                "nhân trao đổi thẳng thắn về tiền lương, thưởng và điều kiện làm việc."
            ),
            p(
                "Liên đoàn Lao động tỉnh khen thưởng 12 tập thể và 20 cá nhân có thành tích "
                "xuất sắc trong tổ chức các hoạt động của Tháng Công nhân."
            ),
        ),
        byline="Ban Tuyên giáo",
        days=112,
        at="10:20",
        tags=("Tháng Công nhân", "Phúc lợi đoàn viên"),
        views=1184,
        scene="gift",
        cover_caption="Tháng Công nhân năm nay tập trung vào những việc làm thiết thực cho "
        "đoàn viên. Ảnh minh họa.",
        ratings=(4, 5, 4, 4),
    ),
    Story(
        title="16 đội tham dự Giải bóng đá công nhân viên chức lao động tỉnh",
        category=HOAT_DONG_CONG_DOAN,
        summary="Giải đấu diễn ra trong 10 ngày tại sân vận động tỉnh, quy tụ gần 300 cầu "
        "thủ là đoàn viên các cơ quan, doanh nghiệp và công đoàn xã, phường.",
        body=(
            p(
                "Giải bóng đá nam công nhân viên chức lao động tỉnh năm nay có 16 đội tham "
                "dự, chia thành 4 bảng thi đấu vòng tròn, chọn 8 đội vào vòng tứ kết."
            ),
            p(
                "Ngoài các đội quen thuộc của ngành giáo dục, y tế và điện lực, giải lần đầu "
                "có đội bóng của công nhân các nhà máy thủy điện và một đội ghép của đoàn viên "
                "công đoàn xã Mường Chà."
            ),
            h3("Kết quả chung cuộc"),
            ul(
                "Giải nhất: Công đoàn Điện lực Điện Biên.",
                "Giải nhì: Công đoàn ngành Giáo dục.",
                "Đồng giải ba: Công đoàn ngành Y tế và Công đoàn xã Tuần Giáo.",
                "Giải phong cách: Công đoàn xã Mường Chà.",
            ),
            p(
                "Ban tổ chức đánh giá giải đấu diễn ra an toàn, các trận đấu giàu tính "
                "cống hiến. Giải là dịp để đoàn viên giao lưu, rèn luyện sức khỏe sau giờ làm "
                "việc."
            ),
        ),
        byline="Lường Văn Hải",
        days=18,
        at="19:10",
        tags=("Thể thao – Văn hóa",),
        featured=True,
        views=655,
        scene="ball",
        cover_caption="Một pha tranh bóng tại vòng bảng. Ảnh minh họa.",
        photos=(
            PhotoSpec(
                "ball",
                "Minh họa: quả bóng trên sân cỏ kẻ sọc, phía sau là khung thành",
                "Trận khai mạc giữa Công đoàn ngành Giáo dục và Công đoàn ngành Y tế (ảnh minh "
                "họa).",
            ),
            PhotoSpec(
                "crowd",
                "Minh họa: khán giả đứng thành hàng trước khán đài",
                "Đông đảo đoàn viên đến cổ vũ trận chung kết (ảnh minh họa).",
            ),
            PhotoSpec(
                "gift",
                "Minh họa: cúp và hộp quà trên nền xanh",
                "Ban tổ chức trao giải cho các đội đoạt giải (ảnh minh họa).",
            ),
        ),
        ratings=(5, 4, 5, 5, 3),
        comments=(
            CommentSpec(
                "Cà Văn Thịnh",
                "Giải năm nay đá rất hay, đội xã Mường Chà tuy không vào sâu nhưng chơi đẹp. "
                "Mong năm sau có thêm giải bóng chuyền hơi cho chị em.",
            ),
        ),
    ),
    Story(
        title="Ngày hội “Giọt hồng Công đoàn” tiếp nhận 312 đơn vị máu",
        category=HOAT_DONG_CONG_DOAN,
        summary="Hơn 340 đoàn viên đăng ký hiến máu, trong đó 312 người đủ điều kiện; nhiều "
        "người đã hiến máu từ 10 lần trở lên.",
        body=(
            p(
                "Sáng chủ nhật, Liên đoàn Lao động tỉnh phối hợp với Bệnh viện Đa khoa tỉnh tổ "
                "chức ngày hội hiến máu tình nguyện “Giọt hồng Công đoàn”. Ngay từ 6 giờ sáng, "
                "nhiều đoàn viên đã có mặt để làm thủ tục."
            ),
            photo(2),
            p(
                "Kết thúc ngày hội, ban tổ chức tiếp nhận 312 đơn vị máu. Người hiến máu được "
                "kiểm tra sức khỏe miễn phí, nhận giấy chứng nhận và quà của công đoàn."
            ),
            quote(
                "Mỗi lần hiến máu tôi nghĩ đến những bệnh nhân đang chờ ở bệnh viện. Đây là lần "
                "thứ 14 của tôi và tôi sẽ còn đi tiếp."
            ),
            p(
                "Lượng máu thu được sẽ bổ sung cho ngân hàng máu của tỉnh trong dịp cuối năm, "
                "thời điểm nhu cầu điều trị thường tăng cao."
            ),
        ),
        byline="Tòng Thị Nhung",
        days=5,
        at="11:30",
        tags=("Hiến máu tình nguyện",),
        views=298,
        scene="drop",
        cover_caption="Đoàn viên đăng ký hiến máu tại ngày hội. Ảnh minh họa.",
        photos=(
            PhotoSpec(
                "crowd",
                "Minh họa: những người xếp hàng trước băng rôn đỏ",
                "Đoàn viên xếp hàng làm thủ tục hiến máu từ sáng sớm (ảnh minh họa).",
            ),
            PhotoSpec(
                "drop",
                "Minh họa: giọt máu đỏ lớn có dấu chữ thập trắng trên nền hồng",
                "312 đơn vị máu được tiếp nhận trong một buổi sáng (ảnh minh họa).",
            ),
        ),
        ratings=(5, 5, 5, 4),
        comments=(
            CommentSpec(
                "Vì Thị Hồng",
                "Lần đầu tôi đi hiến máu, các bác sĩ hướng dẫn rất tận tình. Cảm ơn công đoàn "
                "đã tổ chức.",
            ),
            CommentSpec(
                "Đặng Minh Tuấn",
                "Xin hỏi đợt hiến máu tiếp theo vào tháng mấy để cơ quan tôi đăng ký tập thể?",
                approved=False,
            ),
        ),
    ),
    # --- Tin tức – Sự kiện › Hoạt động cơ sở -----------------------------------------
    Story(
        title="Công đoàn Công ty TNHH May xuất khẩu Him Lam đại hội nhiệm kỳ 2026–2031",
        category=HOAT_DONG_CO_SO,
        summary="Đại hội bầu 7 ủy viên ban chấp hành, đặt mục tiêu 100% người lao động được "
        "ký hợp đồng và đóng bảo hiểm xã hội đầy đủ.",
        body=(
            p(
                "Công đoàn cơ sở Công ty TNHH May xuất khẩu Him Lam vừa tổ chức Đại hội lần "
                "thứ III, nhiệm kỳ 2026–2031, với 85 đại biểu chính thức đại diện cho 612 đoàn "
                "viên, trong đó 87% là lao động nữ."
            ),
            p(
                "Nhiệm kỳ qua, công đoàn đã thương lượng thành công việc nâng tiền ăn ca từ "
                "20.000 lên 25.000 đồng mỗi bữa, hỗ trợ tiền nhà trọ 300.000 đồng mỗi tháng cho "
                "công nhân ở xa và tổ chức 4 “Bữa cơm Công đoàn” với ban giám đốc."
            ),
            h3("Chỉ tiêu nhiệm kỳ mới"),
            ul(
                "100% người lao động được ký hợp đồng lao động, đóng bảo hiểm xã hội đầy đủ.",
                "Kết nạp thêm ít nhất 100 đoàn viên.",
                "Thỏa ước lao động tập thể được ký lại với nhiều điều khoản có lợi hơn luật.",
                "Mỗi năm có ít nhất 10 sáng kiến cải tiến được công nhận.",
            ),
            p(
                "Đại hội bầu 7 ủy viên ban chấp hành; chị Vì Thị Lan, tổ trưởng chuyền may số "
                "3, tiếp tục được tín nhiệm bầu làm chủ tịch công đoàn."
            ),
        ),
        byline="Quàng Văn Đức – CĐCS Công ty Him Lam",
        days=33,
        at="08:50",
        source="Công đoàn Công ty TNHH May xuất khẩu Him Lam",
        tags=("Đại hội Công đoàn",),
        views=254,
        scene="crowd",
        cover_caption="Đại biểu biểu quyết thông qua nghị quyết đại hội. Ảnh minh họa.",
    ),
    Story(
        title="Công đoàn xã Tuần Giáo tổ chức đại hội lần thứ nhất sau sắp xếp",
        category=HOAT_DONG_CO_SO,
        summary="Công đoàn xã Tuần Giáo được thành lập khi sắp xếp lại đơn vị hành chính, "
        "hiện có {unions} công đoàn cơ sở trực thuộc với {members} đoàn viên.",
        body=(
            p(
                "Sau khi cấp huyện kết thúc hoạt động, các công đoàn cơ sở trên địa bàn được "
                "chuyển về Công đoàn xã Tuần Giáo quản lý. Đại hội lần thứ nhất là dịp kiện "
                "toàn tổ chức, thống nhất cách làm việc mới."
            ),
            p(
                "Công đoàn xã hiện có {unions} công đoàn cơ sở với {members} đoàn viên, trong "
                "đó {public} công đoàn cơ sở thuộc khối hành chính, sự nghiệp và {non_state} "
                "công đoàn cơ sở thuộc doanh nghiệp ngoài nhà nước."
            ),
            ul(
                "Phương châm đại hội: “Đổi mới – Dân chủ – Đoàn kết – Phát triển”.",
                "Đại biểu chính thức đại diện cho {members} đoàn viên của {unions} công đoàn "
                "cơ sở.",
                "Ban chấp hành khóa I gồm 11 ủy viên.",
            ),
            p(
                "Phát biểu chỉ đạo, đại diện Liên đoàn Lao động tỉnh đề nghị công đoàn xã sớm "
                "hoàn thiện danh sách đoàn viên trên cổng thông tin, để mọi số liệu báo cáo từ "
                "nay được tổng hợp từ cơ sở thay vì nhập tay."
            ),
        ),
        byline="Cà Thị Hoa – Công đoàn xã Tuần Giáo",
        about_unit="Công đoàn xã Tuần Giáo",
        days=49,
        at="09:00",
        source="Công đoàn xã Tuần Giáo",
        tags=("Đại hội Công đoàn",),
        views=318,
        scene="mountains",
        cover_caption="Đại hội Công đoàn xã Tuần Giáo lần thứ nhất. Ảnh minh họa.",
    ),
    Story(
        title="Ký thỏa ước lao động tập thể tại Công ty Cổ phần Cà phê Tây Bắc Xanh: thêm "
        "nhiều quyền lợi cho 230 lao động",
        category=HOAT_DONG_CO_SO,
        summary="Bản thỏa ước mới có 9 điều khoản có lợi hơn quy định của pháp luật, trong "
        "đó có tiền ăn ca, hỗ trợ nhà trọ và thêm ngày nghỉ phép năm.",
        body=(
            p(
                "Sau ba phiên thương lượng, Ban chấp hành công đoàn cơ sở và Giám đốc Công ty "
                "Cổ phần Cà phê Tây Bắc Xanh đã ký thỏa ước lao động tập thể thời hạn 3 năm, áp "
                "dụng cho 230 người lao động, trong đó có 150 công nhân thu hái, chế biến."
            ),
            table(
                ("Nội dung", "Quy định của pháp luật", "Thỏa ước mới"),
                ("Nghỉ phép năm", "12 ngày", "14 ngày"),
                ("Tiền ăn giữa ca", "Không bắt buộc", "25.000 đồng/bữa"),
                ("Hỗ trợ nhà trọ", "Không bắt buộc", "300.000 đồng/tháng"),
                ("Quà sinh nhật đoàn viên", "Không bắt buộc", "200.000 đồng"),
                ("Khám sức khỏe định kỳ", "1 lần/năm", "2 lần/năm với lao động nữ"),
            ),
            p(
                "Trước khi ký, dự thảo thỏa ước được lấy ý kiến người lao động tại các tổ sản "
                "xuất; 94% số người được hỏi đồng ý với nội dung dự thảo."
            ),
            quote(
                "Thỏa ước tốt là thỏa ước được thực hiện. Công đoàn sẽ giám sát từng điều "
                "khoản và báo cáo với người lao động mỗi sáu tháng."
            ),
        ),
        byline="Ban Chính sách – Pháp luật",
        days=22,
        at="15:45",
        tags=("Thỏa ước lao động tập thể",),
        views=331,
        scene="document",
        cover_caption="Đại diện hai bên ký thỏa ước lao động tập thể. Ảnh minh họa.",
        ratings=(5, 4, 4),
    ),
    Story(
        title="Công nhân xây dựng được huấn luyện an toàn trước mùa thi công cao điểm",
        category=HOAT_DONG_CO_SO,
        summary="Hơn 200 công nhân của ba doanh nghiệp xây dựng được huấn luyện về làm việc "
        "trên cao, an toàn điện và sơ cứu tai nạn lao động.",
        body=(
            p(
                "Công đoàn xã Mường Ảng phối hợp với các doanh nghiệp xây dựng trên địa bàn tổ "
                "chức huấn luyện an toàn, vệ sinh lao động cho hơn 200 công nhân trước mùa thi "
                "công cao điểm cuối năm."
            ),
            h3("Nội dung huấn luyện"),
            ul(
                "Sử dụng dây an toàn, lan can, sàn thao tác khi làm việc trên cao.",
                "An toàn điện trên công trường và khi vận hành máy trộn, máy cắt.",
                "Sơ cứu người bị ngã cao, bị điện giật; gọi cấp cứu 115 đúng cách.",
                "Quyền từ chối làm công việc có nguy cơ rõ ràng đe dọa tính mạng.",
            ),
            p(
                "Sau phần lý thuyết, công nhân thực hành trên giàn giáo mẫu và được phát mũ, "
                "dây an toàn do doanh nghiệp trang bị. Mạng lưới an toàn vệ sinh viên ở mỗi "
                "tổ thi công cũng được kiện toàn."
            ),
        ),
        byline="Lường Văn Hải",
        days=55,
        at="07:30",
        tags=("An toàn vệ sinh lao động",),
        views=276,
        scene="helmet",
        cover_caption="Công nhân thực hành đeo dây an toàn trên giàn giáo. Ảnh minh họa.",
    ),
    Story(
        title="Công đoàn giám sát chất lượng bữa ăn ca tại các bếp ăn tập thể",
        category=HOAT_DONG_CO_SO,
        summary="Bản nháp: kết quả kiểm tra bữa ăn ca tại 12 doanh nghiệp, chờ bổ sung số "
        "liệu của hai công đoàn xã.",
        body=(
            p(
                "Từ đầu tháng, các công đoàn cơ sở đã kiểm tra đột xuất bếp ăn tập thể tại 12 "
                "doanh nghiệp, tập trung vào định lượng suất ăn, nguồn gốc thực phẩm và vệ sinh "
                "nơi chế biến."
            ),
            p(
                "Phần lớn doanh nghiệp bảo đảm giá trị bữa ăn đúng thỏa thuận. Hai doanh nghiệp "
                "được đề nghị bổ sung rau xanh và lưu mẫu thức ăn đúng quy định."
            ),
            p("(Chờ số liệu của Công đoàn xã Mường Chà và Công đoàn xã Nà Tấu.)"),
        ),
        byline="Ban Chính sách – Pháp luật",
        days=None,
        status=Article.Status.DRAFT,
        tags=("An toàn vệ sinh lao động",),
    ),
    # --- Chính sách – Pháp luật --------------------------------------------------------
    Story(
        title="Đoàn phí công đoàn giảm còn 0,5%: những điều đoàn viên cần biết",
        category=CHINH_SACH,
        summary="Mức đóng đoàn phí giảm từ 1% xuống 0,5% tiền lương, giúp mỗi đoàn viên tiết "
        "kiệm vài chục nghìn đồng mỗi tháng. Bài viết giải đáp cách tính và nơi đóng.",
        body=(
            p(
                "Theo quy định mới của Tổng Liên đoàn Lao động Việt Nam, mức đóng đoàn phí công "
                "đoàn của đoàn viên giảm từ 1% xuống 0,5% tiền lương làm căn cứ đóng bảo hiểm "
                "xã hội. Đây là một trong những giải pháp chia sẻ khó khăn với đoàn viên."
            ),
            h2("Cách tính đoàn phí"),
            p(
                "Đoàn phí được tính trên tiền lương mà đơn vị dùng để đóng bảo hiểm xã hội cho "
                "đoàn viên. Bảng dưới đây so sánh số tiền đóng mỗi tháng theo mức cũ và mức mới."
            ),
            table(
                ("Tiền lương đóng BHXH", "Mức cũ (1%)", "Mức mới (0,5%)", "Tiết kiệm/tháng"),
                ("5.000.000 đồng", "50.000 đồng", "25.000 đồng", "25.000 đồng"),
                ("7.500.000 đồng", "75.000 đồng", "37.500 đồng", "37.500 đồng"),
                ("10.000.000 đồng", "100.000 đồng", "50.000 đồng", "50.000 đồng"),
            ),
            h2("Đoàn viên cần lưu ý"),
            ul(
                "Đoàn phí khác với kinh phí công đoàn: đoàn phí do đoàn viên đóng, kinh phí "
                "công đoàn do cơ quan, doanh nghiệp đóng.",
                "Phần lớn các đơn vị thu đoàn phí qua bảng lương; đoàn viên nên kiểm tra phiếu "
                "lương tháng này để thấy mức mới.",
                "Đoàn viên có thắc mắc liên hệ ban chấp hành công đoàn cơ sở hoặc Ban Tài chính "
                "Liên đoàn Lao động tỉnh.",
            ),
            quote(
                "Giảm đoàn phí không làm giảm quyền lợi của đoàn viên: mọi chế độ thăm hỏi, "
                "hỗ trợ vẫn giữ nguyên."
            ),
        ),
        byline="Ban Tài chính LĐLĐ tỉnh",
        days=9,
        at="07:00",
        tags=("Đoàn phí", "Luật Công đoàn"),
        featured=True,
        views=1532,
        scene="document",
        cover_caption="Đoàn phí mới được tính bằng 0,5% tiền lương đóng bảo hiểm xã hội. "
        "Ảnh minh họa.",
        ratings=(5, 5, 4, 5, 5, 4, 5),
        comments=(
            CommentSpec(
                "Trần Thị Ngọc Anh",
                "Bảng so sánh rất dễ hiểu. Tôi đã kiểm tra phiếu lương tháng này và thấy đã "
                "trừ theo mức mới.",
            ),
            CommentSpec(
                "Hoàng Văn Nam",
                "Cho tôi hỏi người lao động chưa vào công đoàn thì có phải đóng khoản này không?",
            ),
            CommentSpec(
                "Mùa A Sáng",
                "Đơn vị tôi tháng này vẫn trừ 1%, tôi đã báo ban chấp hành công đoàn kiểm tra lại.",
                approved=False,
            ),
        ),
    ),
    Story(
        title="Kinh phí công đoàn 2%: ai đóng, đóng bao nhiêu và dùng vào việc gì",
        category=CHINH_SACH,
        summary="Cơ quan, tổ chức, doanh nghiệp đóng kinh phí công đoàn bằng 2% quỹ tiền "
        "lương làm căn cứ đóng bảo hiểm xã hội, kể cả khi chưa có công đoàn cơ sở.",
        body=(
            p(
                "Kinh phí công đoàn là nguồn tài chính chủ yếu để công đoàn các cấp chăm lo, "
                "bảo vệ đoàn viên và người lao động. Luật Công đoàn năm 2024 tiếp tục giữ mức "
                "đóng 2% quỹ tiền lương làm căn cứ đóng bảo hiểm xã hội cho người lao động."
            ),
            h2("Ai phải đóng?"),
            p(
                "Cơ quan, tổ chức, doanh nghiệp sử dụng lao động đều phải đóng, không phụ thuộc "
                "việc đơn vị đã có công đoàn cơ sở hay chưa. Khoản này do người sử dụng lao "
                "động đóng, không trừ vào lương của người lao động."
            ),
            h2("Kinh phí được dùng vào việc gì?"),
            ul(
                "Chăm lo, thăm hỏi, trợ cấp cho đoàn viên và người lao động khó khăn.",
                "Tổ chức đối thoại, thương lượng, tư vấn pháp luật, bảo vệ người lao động.",
                "Tuyên truyền, tập huấn, hoạt động văn hóa, thể thao.",
                "Phụ cấp cán bộ công đoàn và chi hoạt động của công đoàn các cấp.",
            ),
            p(
                "Phần lớn kinh phí được phân bổ lại để công đoàn cơ sở sử dụng trực tiếp, theo "
                "tỷ lệ do Tổng Liên đoàn Lao động Việt Nam quy định. Báo cáo thu chi được công "
                "khai tại hội nghị người lao động hằng năm."
            ),
        ),
        byline="Ban Chính sách – Pháp luật",
        days=37,
        at="08:00",
        source="Luật Công đoàn số 50/2024/QH15",
        tags=("Kinh phí công đoàn", "Luật Công đoàn"),
        views=988,
        scene="document",
        cover_caption="Kinh phí công đoàn do người sử dụng lao động đóng. Ảnh minh họa.",
    ),
    Story(
        title="Hỏi – đáp: Làm thêm giờ được trả lương thế nào?",
        category=CHINH_SACH,
        summary="Người lao động làm thêm giờ vào ngày thường được trả ít nhất 150% tiền lương, "
        "vào ngày nghỉ hằng tuần ít nhất 200%, vào ngày lễ, Tết ít nhất 300%.",
        body=(
            p(
                "Hỏi: Tôi là công nhân một nhà máy chế biến nông sản. Vào mùa vụ, công ty yêu "
                "cầu làm thêm cả chủ nhật. Tiền làm thêm được tính thế nào và công ty có được "
                "bắt làm thêm không giới hạn không? (Lò Văn Tươi, xã Thanh Nưa)"
            ),
            p(
                "Trả lời: Theo Bộ luật Lao động năm 2019, người lao động làm thêm giờ được trả "
                "lương tính theo đơn giá tiền lương của công việc đang làm, ít nhất như sau:"
            ),
            ul(
                "Vào ngày thường: ít nhất bằng 150%.",
                "Vào ngày nghỉ hằng tuần: ít nhất bằng 200%.",
                "Vào ngày nghỉ lễ, Tết, ngày nghỉ có hưởng lương: ít nhất bằng 300%, chưa kể "
                "tiền lương của ngày lễ, Tết đó.",
            ),
            p(
                "Làm thêm vào ban đêm còn được trả thêm tiền lương làm việc vào ban đêm. Số giờ "
                "làm thêm không quá 40 giờ trong một tháng và không quá 200 giờ trong một năm, "
                "trừ một số ngành, nghề được làm thêm đến 300 giờ mỗi năm. Người sử dụng lao "
                "động phải được sự đồng ý của người lao động."
            ),
            p(
                "Nếu bị buộc làm thêm quá giới hạn hoặc không được trả đủ, anh nên báo ban chấp "
                "hành công đoàn cơ sở, hoặc gọi đường dây tư vấn pháp luật của Liên đoàn Lao "
                "động tỉnh để được hướng dẫn."
            ),
        ),
        byline="Ban Chính sách – Pháp luật",
        days=58,
        at="10:00",
        source="Bộ luật Lao động số 45/2019/QH14",
        tags=("Tư vấn pháp luật",),
        views=741,
        comments=(
            CommentSpec(
                "Phạm Thu Trang",
                "Bài trả lời ngắn gọn, dễ hiểu. Đề nghị thêm mục hỏi đáp về nghỉ thai sản.",
            ),
        ),
    ),
    Story(
        title="Những điểm mới của Luật Công đoàn năm 2024 người lao động cần biết",
        category=CHINH_SACH,
        summary="Luật Công đoàn năm 2024 mở rộng đối tượng được gia nhập công đoàn, làm rõ "
        "quyền của đoàn viên và trách nhiệm đóng kinh phí công đoàn.",
        body=(
            p(
                "Luật Công đoàn số 50/2024/QH15 có hiệu lực từ ngày 01/7/2025, thay thế Luật "
                "Công đoàn năm 2012. Dưới đây là một số điểm mới gắn trực tiếp với người lao "
                "động."
            ),
            h3("Mở rộng đối tượng gia nhập công đoàn"),
            p(
                "Người lao động là công dân nước ngoài làm việc tại Việt Nam theo hợp đồng từ "
                "đủ 12 tháng trở lên được gia nhập và hoạt động công đoàn tại nơi làm việc."
            ),
            h3("Quyền của đoàn viên rõ ràng hơn"),
            ul(
                "Được công đoàn đại diện, bảo vệ quyền, lợi ích hợp pháp khi bị xâm phạm.",
                "Được thông tin, thảo luận, đề xuất và biểu quyết công việc của công đoàn.",
                "Được hướng dẫn, tư vấn, trợ giúp pháp lý miễn phí về pháp luật lao động, "
                "công đoàn.",
            ),
            h3("Trách nhiệm đóng kinh phí công đoàn"),
            p(
                "Luật tiếp tục quy định mức đóng kinh phí công đoàn bằng 2% quỹ tiền lương làm "
                "căn cứ đóng bảo hiểm xã hội, đồng thời bổ sung các biện pháp xử lý đơn vị chậm "
                "đóng, trốn đóng."
            ),
        ),
        byline="Ban Chính sách – Pháp luật",
        days=86,
        at="09:15",
        source="Luật Công đoàn số 50/2024/QH15",
        tags=("Luật Công đoàn",),
        views=602,
        scene="document",
        cover_caption="Luật Công đoàn năm 2024 có nhiều quy định mới vì người lao động. "
        "Ảnh minh họa.",
        ratings=(4, 5, 4),
    ),
    Story(
        title="Tư vấn pháp luật lưu động cho công nhân tại các công trình thủy điện",
        category=CHINH_SACH,
        summary="Đoàn tư vấn của Liên đoàn Lao động tỉnh đến 4 công trình thủy điện, giải đáp "
        "hơn 60 câu hỏi về hợp đồng lao động, bảo hiểm và tai nạn lao động.",
        body=(
            p(
                "Nhiều công nhân làm việc tại các công trình thủy điện ở vùng sâu ít có dịp "
                "tiếp cận thông tin pháp luật. Vì vậy, Liên đoàn Lao động tỉnh tổ chức đoàn "
                "tư vấn lưu động đến tận lán trại vào buổi tối, sau giờ làm việc."
            ),
            p(
                "Các câu hỏi tập trung vào việc ký hợp đồng lao động với người làm theo mùa, "
                "đóng bảo hiểm xã hội, bảo hiểm tai nạn lao động và chế độ khi bị thương trong "
                "lúc làm việc."
            ),
            p(
                "Trong đợt này, đoàn đã phát 500 tờ gấp hỏi đáp pháp luật bằng tiếng Việt và "
                "tiếng Thái, đồng thời hướng dẫn công nhân lưu số điện thoại đường dây tư vấn "
                "miễn phí của Liên đoàn."
            ),
        ),
        byline="Lò Thị Mai – LĐLĐ tỉnh",
        days=66,
        at="16:30",
        tags=("Tư vấn pháp luật",),
        views=219,
        scene="mountains",
        cover_caption="Buổi tư vấn pháp luật tại lán trại công nhân. Ảnh minh họa.",
    ),
    Story(
        title="Hướng dẫn thủ tục hưởng trợ cấp thất nghiệp",
        category=CHINH_SACH,
        summary="Người lao động mất việc cần nộp hồ sơ hưởng trợ cấp thất nghiệp trong thời "
        "hạn 3 tháng kể từ ngày chấm dứt hợp đồng lao động.",
        body=(
            p(
                "Thời gian gần đây, một số doanh nghiệp trong tỉnh cắt giảm lao động. Để bảo "
                "đảm quyền lợi, người lao động cần nắm rõ thủ tục đề nghị hưởng trợ cấp thất "
                "nghiệp."
            ),
            ul(
                "Nộp hồ sơ tại Trung tâm Dịch vụ việc làm tỉnh trong thời hạn 3 tháng kể từ "
                "ngày chấm dứt hợp đồng lao động.",
                "Hồ sơ gồm đơn đề nghị, giấy tờ chứng minh việc chấm dứt hợp đồng và sổ bảo "
                "hiểm xã hội.",
                "Hằng tháng thông báo tình trạng tìm kiếm việc làm theo lịch hẹn.",
            ),
            p(
                "Công đoàn cơ sở có trách nhiệm hướng dẫn, hỗ trợ đoàn viên hoàn thiện hồ sơ, "
                "nhất là khi doanh nghiệp chậm chốt sổ bảo hiểm xã hội."
            ),
        ),
        byline="Ban Chính sách – Pháp luật",
        days=None,
        status=Article.Status.SUBMITTED,
        tags=("Tư vấn pháp luật",),
    ),
    Story(
        title="Phát động cuộc thi trực tuyến “Tìm hiểu pháp luật lao động và công đoàn”",
        category=CHINH_SACH,
        summary="Cuộc thi diễn ra trong 4 tuần, mỗi tuần một đề gồm 20 câu trắc nghiệm; tổng "
        "giá trị giải thưởng 45 triệu đồng.",
        body=(
            p(
                "Liên đoàn Lao động tỉnh phát động cuộc thi trực tuyến “Tìm hiểu pháp luật lao "
                "động và công đoàn” dành cho đoàn viên, người lao động đang làm việc trên địa "
                "bàn tỉnh."
            ),
            ul(
                "Thời gian: 4 tuần, mỗi tuần một đề thi gồm 20 câu hỏi trắc nghiệm.",
                "Nội dung: Bộ luật Lao động, Luật Công đoàn, Luật Bảo hiểm xã hội.",
                "Giải thưởng: 1 giải nhất, 2 giải nhì, 3 giải ba và 20 giải khuyến khích mỗi "
                "tuần; tổng trị giá 45 triệu đồng.",
            ),
            p(
                "Người dự thi đăng nhập bằng số điện thoại, trả lời câu hỏi và dự đoán số người "
                "trả lời đúng. Kết quả mỗi tuần được công bố trên cổng thông tin này."
            ),
        ),
        byline="Ban Tuyên giáo",
        days=-3,
        at="08:00",
        tags=("Luật Công đoàn", "Tư vấn pháp luật"),
        scene="document",
        cover_caption="Cuộc thi mở cho mọi đoàn viên, người lao động trong tỉnh. Ảnh minh họa.",
    ),
    # --- Gương điển hình ---------------------------------------------------------------
    Story(
        title="Kỹ sư Tòng Văn Minh và 14 sáng kiến làm lợi hơn 2 tỷ đồng",
        category=GUONG_DIEN_HINH,
        summary="Trong 10 năm, kỹ sư cơ khí Tòng Văn Minh có 14 sáng kiến được công nhận, giúp "
        "nhà máy tiết kiệm hơn 2 tỷ đồng và giảm hẳn những công đoạn nặng nhọc.",
        body=(
            p(
                "Ở Nhà máy Gạch tuynel Thanh Xương, ai cũng biết anh Tòng Văn Minh, kỹ sư cơ "
                "khí, tổ trưởng tổ bảo dưỡng, là người “không chịu được máy hỏng”. Mười năm qua, "
                "anh có 14 sáng kiến được Hội đồng sáng kiến công nhận."
            ),
            h2("Từ một băng tải tự chế"),
            p(
                "Sáng kiến đầu tiên của anh là băng tải tự chế thay cho việc công nhân bốc gạch "
                "mộc bằng tay ra sân phơi. Chi phí chưa đến 40 triệu đồng, nhưng mỗi ca giảm "
                "được 6 lao động làm công việc nặng nhọc nhất."
            ),
            photo(2),
            p(
                "Những sáng kiến sau đó như cải tạo hệ thống thu hồi nhiệt lò nung, lắp biến "
                "tần cho quạt hút, đã giúp nhà máy tiết kiệm điện, than với tổng giá trị làm "
                "lợi ước tính hơn 2 tỷ đồng."
            ),
            quote(
                "Cứ thấy anh em phải làm việc nặng, việc nguy hiểm là tôi nghĩ xem có cách "
                "nào để máy làm thay được không."
            ),
            p(
                "Anh Minh được Tổng Liên đoàn Lao động Việt Nam tặng Bằng khen và được Liên "
                "đoàn Lao động tỉnh đề nghị xét tặng danh hiệu “Lao động sáng tạo”."
            ),
        ),
        byline="Nguyễn Thị Hương",
        days=14,
        at="08:30",
        tags=("Sáng kiến", "Lao động giỏi"),
        featured=True,
        views=876,
        scene="factory",
        cover_caption="Nhà máy nơi kỹ sư Tòng Văn Minh làm việc. Ảnh minh họa.",
        photos=(
            PhotoSpec(
                "factory",
                "Minh họa: dãy nhà xưởng mái răng cưa với ống khói và bánh răng",
                "Khu lò nung của nhà máy (ảnh minh họa).",
            ),
            PhotoSpec(
                "helmet",
                "Minh họa: mũ bảo hộ màu vàng đặt trước khung cần cẩu",
                "Anh Minh kiểm tra hệ thống băng tải do mình chế tạo (ảnh minh họa).",
            ),
        ),
        ratings=(5, 5, 5, 4, 5),
        comments=(
            CommentSpec(
                "Lê Quang Huy",
                "Anh Minh là niềm tự hào của anh em nhà máy. Băng tải của anh giúp chúng tôi "
                "đỡ vất vả rất nhiều.",
            ),
        ),
    ),
    Story(
        title="Cô giáo Sùng Thị Mỷ: 15 năm gieo chữ ở điểm trường Huổi Lếch",
        category=GUONG_DIEN_HINH,
        summary="Là người Mông, cô Mỷ tình nguyện về điểm trường vùng cao cách trung tâm xã "
        "hơn 20 km, vận động hàng chục học sinh bỏ học quay lại lớp.",
        body=(
            p(
                "Điểm trường Huổi Lếch nằm lưng chừng núi, mùa mưa đường lầy lội, xe máy phải "
                "dắt bộ nhiều đoạn. Đã 15 năm, cô giáo Sùng Thị Mỷ vẫn đều đặn đi về con đường "
                "ấy mỗi tuần."
            ),
            p(
                "Biết tiếng Mông, cô đến từng nhà vận động phụ huynh cho con đi học. Nhiều năm "
                "liền, lớp của cô không có học sinh bỏ học giữa chừng."
            ),
            photo(2),
            h3("Người giữ lửa của công đoàn trường"),
            p(
                "Là tổ trưởng công đoàn, cô Mỷ cùng đồng nghiệp tổ chức nấu cơm trưa cho học "
                "sinh ở xa, quyên góp áo ấm mỗi mùa đông và sửa lại phòng ở công vụ cho giáo "
                "viên trẻ mới về bản."
            ),
            quote("Các em ở đây chỉ cần có người tin mình. Mình tin các em, các em sẽ đến lớp."),
            p(
                "Cô Mỷ là một trong 20 đoàn viên tiêu biểu được Liên đoàn Lao động tỉnh tuyên "
                "dương năm nay."
            ),
        ),
        byline="Lò Thị Mai – LĐLĐ tỉnh",
        days=45,
        at="19:00",
        tags=("Lao động nữ", "Lao động giỏi"),
        views=1045,
        scene="mountains",
        cover_caption="Con đường đến điểm trường Huổi Lếch. Ảnh minh họa.",
        photos=(
            PhotoSpec(
                "mountains",
                "Minh họa: những dãy núi xanh nối nhau dưới mặt trời vàng",
                "Điểm trường nằm lưng chừng núi (ảnh minh họa).",
            ),
            PhotoSpec(
                "book",
                "Minh họa: chồng sách, cuốn sách mở và chiếc mũ tốt nghiệp",
                "Góc sách của lớp học do công đoàn trường quyên góp (ảnh minh họa).",
            ),
            PhotoSpec(
                "flower",
                "Minh họa: những bông hoa nhiều cánh trên nền hồng nhạt",
                "Hoa ban nở trên đường vào bản (ảnh minh họa).",
            ),
        ),
        ratings=(5, 5, 5, 5),
        comments=(
            CommentSpec(
                "Giàng A Dình",
                "Cô Mỷ dạy con tôi ba năm. Cả bản đều quý cô.",
            ),
            CommentSpec(
                "Bùi Thị Dung",
                "Đọc mà xúc động. Mong tỉnh có thêm chính sách nhà công vụ cho giáo viên vùng cao.",
            ),
            CommentSpec(
                "Tạ Thị Hiền",
                "Cho tôi xin địa chỉ điểm trường để gửi sách vở cho các em được không ạ?",
                approved=False,
            ),
        ),
    ),
    Story(
        title="Chủ tịch công đoàn cơ sở được công nhân gọi là “người giữ lửa”",
        category=GUONG_DIEN_HINH,
        summary="Làm chủ tịch công đoàn kiêm nhiệm suốt 8 năm, chị Lường Thị Thanh đã thương "
        "lượng được nhiều quyền lợi cho gần 400 công nhân may.",
        body=(
            p(
                "Sáng làm chuyền trưởng, chiều họp ban chấp hành, tối đi thăm công nhân ốm: đó "
                "là lịch làm việc quen thuộc của chị Lường Thị Thanh, Chủ tịch công đoàn cơ sở "
                "một công ty may trong tỉnh."
            ),
            p(
                "Tám năm qua, chị đã cùng ban chấp hành đề xuất và thương lượng thành công việc "
                "tăng tiền ăn ca, thưởng chuyên cần, mở phòng vắt sữa cho lao động nữ nuôi con "
                "nhỏ và đưa xe đón công nhân ở các bản xa."
            ),
            quote(
                "Công nhân tin công đoàn khi thấy những việc công đoàn làm được, dù là việc "
                "nhỏ như cái quạt trong xưởng hay bữa cơm có thêm miếng thịt."
            ),
            p(
                "Chị Thanh được Liên đoàn Lao động tỉnh tặng Bằng khen vì có thành tích xuất "
                "sắc trong phong trào công nhân, viên chức, lao động."
            ),
        ),
        byline="Ban Tuyên giáo",
        days=93,
        at="10:45",
        tags=("Lao động nữ", "Lao động giỏi"),
        views=455,
        scene="factory",
        cover_caption="Chuyền may nơi chị Lường Thị Thanh làm việc. Ảnh minh họa.",
    ),
    Story(
        title="Người thợ vận hành 18 năm giữ an toàn cho nhà máy thủy điện",
        category=GUONG_DIEN_HINH,
        summary="Anh Điêu Văn Khánh chưa để xảy ra sự cố nào do vận hành sai trong 18 năm, "
        "và đã kèm cặp hơn 30 thợ trẻ.",
        body=(
            p(
                "Ca trực đêm ở phòng điều khiển nhà máy thủy điện luôn đòi hỏi sự tỉnh táo "
                "tuyệt đối. Anh Điêu Văn Khánh, trưởng ca vận hành, đã gắn bó với công việc "
                "này 18 năm."
            ),
            p(
                "Anh tự soạn sổ tay xử lý tình huống bằng hình vẽ để thợ trẻ dễ nhớ, tổ chức "
                "diễn tập sự cố hằng tháng và là an toàn vệ sinh viên gương mẫu của công đoàn "
                "nhà máy."
            ),
            p(
                "Hơn 30 thợ vận hành do anh kèm cặp nay đã đảm nhận các vị trí trưởng ca, kỹ "
                "thuật viên ở nhiều nhà máy thủy điện trong tỉnh."
            ),
        ),
        byline="Lường Văn Hải",
        days=108,
        at="14:10",
        tags=("An toàn vệ sinh lao động", "Lao động giỏi"),
        views=380,
        scene="helmet",
        cover_caption="Phòng điều khiển nhà máy thủy điện. Ảnh minh họa.",
    ),
    # --- Nữ công -------------------------------------------------------------------------
    Story(
        title="Tọa đàm nhân ngày Phụ nữ Việt Nam: nữ đoàn viên cân bằng công việc và gia đình",
        category=NU_CONG,
        summary="Hơn 120 nữ đoàn viên chia sẻ kinh nghiệm sắp xếp thời gian, chăm sóc con nhỏ "
        "khi làm ca và giữ gìn sức khỏe.",
        body=(
            p(
                "Ban Nữ công Liên đoàn Lao động tỉnh tổ chức tọa đàm “Nữ đoàn viên cân bằng "
                "công việc và gia đình” với hơn 120 nữ đoàn viên các cơ quan, doanh nghiệp."
            ),
            p(
                "Nhiều chị chia sẻ khó khăn khi làm ca đêm mà con còn nhỏ, không có người trông. "
                "Một số công đoàn cơ sở đã thương lượng được giờ làm linh hoạt cho lao động nữ "
                "nuôi con dưới 36 tháng tuổi."
            ),
            quote(
                "Chồng tôi giờ cũng biết nấu cơm, đón con. Việc nhà là việc chung, không phải "
                "của riêng phụ nữ."
            ),
            p(
                "Tại tọa đàm, Ban Nữ công trao 20 suất quà cho nữ đoàn viên có hoàn cảnh khó "
                "khăn, mỗi suất 1.000.000 đồng."
            ),
        ),
        byline="Ban Nữ công",
        days=34,
        at="15:20",
        tags=("Lao động nữ",),
        views=367,
        scene="flower",
        cover_caption="Nữ đoàn viên tham dự tọa đàm. Ảnh minh họa.",
        comments=(
            CommentSpec(
                "Điêu Thị Nga",
                "Mong công đoàn nhân rộng mô hình giờ làm linh hoạt cho mẹ có con nhỏ ra "
                "nhiều doanh nghiệp hơn.",
            ),
        ),
    ),
    Story(
        title="Khám sức khỏe miễn phí cho 650 nữ công nhân lao động",
        category=NU_CONG,
        extra_categories=(HOAT_DONG_CO_SO,),
        summary="Chương trình do Ban Nữ công phối hợp với Bệnh viện Đa khoa tỉnh tổ chức, "
        "ưu tiên nữ công nhân ở doanh nghiệp ngoài nhà nước.",
        body=(
            p(
                "Trong hai ngày cuối tuần, 650 nữ công nhân lao động được khám phụ khoa, siêu "
                "âm tuyến vú và tư vấn sức khỏe sinh sản miễn phí."
            ),
            p(
                "Qua khám, các bác sĩ phát hiện 38 trường hợp cần theo dõi, điều trị tiếp và "
                "đã hướng dẫn chuyển tuyến. Kinh phí chương trình gần 150 triệu đồng, từ nguồn "
                "tài chính công đoàn và nhà tài trợ."
            ),
            p(
                "Ban Nữ công đề nghị công đoàn cơ sở đưa nội dung khám sức khỏe chuyên khoa cho "
                "lao động nữ vào thỏa ước lao động tập thể khi thương lượng."
            ),
        ),
        byline="Ban Nữ công",
        days=71,
        at="08:10",
        tags=("Lao động nữ", "Phúc lợi đoàn viên"),
        views=512,
        scene="flower",
        cover_caption="Nữ công nhân được tư vấn sức khỏe. Ảnh minh họa.",
        ratings=(5, 4, 5),
    ),
    Story(
        title="Kế hoạch hưởng ứng phong trào “Giỏi việc nước, đảm việc nhà”",
        category=NU_CONG,
        summary="Bản nháp kế hoạch của Ban Nữ công, chờ ý kiến của Thường trực Liên đoàn.",
        body=(
            p(
                "Ban Nữ công dự kiến phát động phong trào trong toàn tỉnh, gắn với việc biểu "
                "dương nữ đoàn viên tiêu biểu và các mô hình hay về chăm lo lao động nữ."
            ),
            ul(
                "Khảo sát nhu cầu nhà trẻ cho con công nhân tại 20 doanh nghiệp.",
                "Tổ chức hội thi nấu ăn và trình diễn trang phục dân tộc.",
                "Xét chọn 30 nữ đoàn viên tiêu biểu để biểu dương.",
            ),
            p("(Chờ Thường trực cho ý kiến về kinh phí.)"),
        ),
        byline="Ban Nữ công",
        days=None,
        status=Article.Status.DRAFT,
        tags=("Lao động nữ",),
    ),
    # --- Chăm lo đoàn viên -----------------------------------------------------------------
    Story(
        title="Bàn giao nhà “Mái ấm Công đoàn” cho gia đình đoàn viên Lò Văn Sương",
        category=CHAM_LO,
        summary="Căn nhà 60 m² được xây dựng với tổng kinh phí 180 triệu đồng, trong đó Công "
        "đoàn hỗ trợ 50 triệu đồng, phần còn lại do gia đình, đồng nghiệp và bà con góp sức.",
        body=(
            p(
                "Anh Lò Văn Sương, công nhân Hạt Quản lý đường bộ, có vợ bị bệnh mãn tính và hai "
                "con nhỏ. Nhiều năm nay, cả gia đình sống trong căn nhà gỗ tạm đã mục nát."
            ),
            p(
                "Liên đoàn Lao động tỉnh hỗ trợ 50 triệu đồng từ chương trình “Mái ấm Công "
                "đoàn”; công đoàn cơ sở và đồng nghiệp góp thêm 30 triệu đồng cùng hơn 100 ngày "
                "công. Sau 3 tháng, căn nhà cấp bốn rộng 60 m² đã hoàn thành."
            ),
            photo(2),
            quote(
                "Có nhà mới, các con có góc học bài, vợ tôi không phải lo mưa dột nữa. Tôi "
                "cảm ơn công đoàn và anh em đã giúp đỡ."
            ),
            p(
                "Từ đầu năm, chương trình “Mái ấm Công đoàn” đã hỗ trợ xây mới, sửa chữa 12 căn "
                "nhà cho đoàn viên khó khăn về nhà ở trong tỉnh."
            ),
        ),
        byline="Quàng Văn Đức",
        days=6,
        at="10:00",
        tags=("Mái ấm Công đoàn",),
        featured=True,
        views=534,
        scene="house",
        cover_caption="Căn nhà mới của gia đình anh Lò Văn Sương. Ảnh minh họa.",
        photos=(
            PhotoSpec(
                "crowd",
                "Minh họa: nhiều người đứng trước băng rôn đỏ có ngôi sao vàng",
                "Lễ bàn giao có đông đủ đồng nghiệp và bà con trong bản (ảnh minh họa).",
            ),
            PhotoSpec(
                "house",
                "Minh họa: ngôi nhà mái đỏ có cửa sổ vàng giữa những dãy núi",
                "Căn nhà cấp bốn rộng 60 m² (ảnh minh họa).",
            ),
            PhotoSpec(
                "gift",
                "Minh họa: hộp quà buộc nơ trên nền xanh",
                "Quà của công đoàn cơ sở tặng gia đình nhân dịp về nhà mới (ảnh minh họa).",
            ),
        ),
        ratings=(5, 5, 4, 5, 5),
        comments=(
            CommentSpec(
                "Lường Thị Thanh",
                "Chúc mừng gia đình anh Sương. Chương trình Mái ấm Công đoàn thật ý nghĩa.",
            ),
            CommentSpec(
                "Nguyễn Văn Hùng",
                "Mong chương trình được nâng mức hỗ trợ vì giá vật liệu xây dựng vùng cao giờ "
                "rất đắt.",
            ),
        ),
    ),
    Story(
        title="Chín tháng, 11 căn nhà “Mái ấm Công đoàn” được bàn giao với tổng kinh phí 550 "
        "triệu đồng",
        category=CHAM_LO,
        summary="Mỗi căn nhà được hỗ trợ 50 triệu đồng; 8 trong 11 gia đình là đoàn viên người "
        "dân tộc thiểu số ở các xã vùng cao.",
        body=(
            p(
                "Chín tháng qua, chương trình “Mái ấm Công đoàn” đã hỗ trợ xây mới 9 căn và sửa "
                "chữa 2 căn nhà cho đoàn viên khó khăn về nhà ở, tổng kinh phí 550 triệu đồng."
            ),
            table(
                ("Địa bàn", "Số căn", "Kinh phí hỗ trợ"),
                ("Xã Mường Nhé", "3", "150 triệu đồng"),
                ("Xã Nậm Pồ", "2", "100 triệu đồng"),
                ("Xã Tủa Chùa", "2", "100 triệu đồng"),
                ("Xã Tuần Giáo", "2", "100 triệu đồng"),
                ("Phường Điện Biên Phủ", "2", "100 triệu đồng"),
                ("Tổng cộng", "11", "550 triệu đồng"),
            ),
            p(
                "Đối tượng được xét hỗ trợ là đoàn viên chưa có nhà ở hoặc nhà ở tạm bợ, hư hỏng "
                "nặng, có đất hợp pháp để xây dựng và được công đoàn cơ sở đề xuất."
            ),
            p(
                "Từ năm nay, công đoàn cơ sở gửi đề xuất qua cổng thông tin, giúp Liên đoàn xét "
                "duyệt nhanh và công khai danh sách đoàn viên được hỗ trợ."
            ),
        ),
        byline="Ban Chính sách – Pháp luật",
        days=63,
        at="09:30",
        tags=("Mái ấm Công đoàn",),
        views=447,
        scene="house",
        cover_caption="Chương trình “Mái ấm Công đoàn” ưu tiên đoàn viên vùng cao. Ảnh minh họa.",
    ),
    Story(
        title="Hỗ trợ khẩn cấp đoàn viên bị thiệt hại do mưa lũ ở Mường Nhé, Nậm Pồ",
        category=CHAM_LO,
        summary="Liên đoàn Lao động tỉnh trao 86 suất hỗ trợ, tổng trị giá 258 triệu đồng, cho "
        "đoàn viên có nhà bị sập, trôi hoặc hư hỏng nặng sau mưa lũ.",
        body=(
            p(
                "Ngay sau đợt mưa lũ, Thường trực Liên đoàn Lao động tỉnh đã đến thăm, động viên "
                "các gia đình đoàn viên bị thiệt hại tại hai xã Mường Nhé và Nậm Pồ."
            ),
            ul(
                "Nhà bị sập, trôi hoàn toàn: 10 triệu đồng mỗi gia đình.",
                "Nhà hư hỏng nặng: 5 triệu đồng mỗi gia đình.",
                "Đoàn viên bị thương: 2 triệu đồng mỗi người.",
            ),
            p(
                "Tổng cộng 86 suất hỗ trợ với trị giá 258 triệu đồng đã được trao tận tay đoàn "
                "viên. Các công đoàn cơ sở trong tỉnh tiếp tục quyên góp qua tài khoản của Liên "
                "đoàn để hỗ trợ các gia đình dựng lại nhà."
            ),
        ),
        byline="Văn phòng LĐLĐ tỉnh",
        days=82,
        at="17:40",
        tags=("Thiên tai", "Phúc lợi đoàn viên"),
        views=689,
        scene="mountains",
        cover_caption="Núi rừng Mường Nhé sau mưa lũ. Ảnh minh họa.",
    ),
    Story(
        title="Trao 120 suất học bổng “Vì con em đoàn viên” đầu năm học mới",
        category=CHAM_LO,
        summary="Mỗi suất học bổng trị giá 2 triệu đồng, dành cho con đoàn viên học giỏi, vượt "
        "khó; tổng trị giá 240 triệu đồng.",
        body=(
            p(
                "Nhân dịp năm học mới, Liên đoàn Lao động tỉnh trao 120 suất học bổng “Vì con "
                "em đoàn viên”, mỗi suất 2 triệu đồng, cho học sinh, sinh viên là con đoàn viên "
                "có hoàn cảnh khó khăn, học tập tốt."
            ),
            p(
                "Trong số các em nhận học bổng có 42 em là người dân tộc thiểu số, 15 em mồ côi "
                "cha hoặc mẹ. Nhiều em đạt giải trong kỳ thi học sinh giỏi cấp tỉnh."
            ),
            quote(
                "Học bổng là động lực để cháu cố gắng hơn. Cháu mong sau này làm bác sĩ để về "
                "chữa bệnh cho bà con trong bản."
            ),
            p(
                "Chương trình được duy trì nhiều năm nhờ sự đóng góp của các công đoàn cơ sở và "
                "doanh nghiệp đồng hành."
            ),
        ),
        byline="Lò Thị Mai – LĐLĐ tỉnh",
        days=78,
        at="15:00",
        tags=("Học bổng", "Phúc lợi đoàn viên"),
        views=702,
        scene="book",
        cover_caption="Học bổng dành cho con đoàn viên học giỏi, vượt khó. Ảnh minh họa.",
    ),
    Story(
        title="Đoàn viên được giảm 10–20% khi mua hàng, dùng dịch vụ tại 25 cơ sở đối tác",
        category=CHAM_LO,
        summary="Chỉ cần xuất trình thẻ đoàn viên, đoàn viên được ưu đãi tại siêu thị, nhà "
        "thuốc, phòng khám, cửa hàng xe máy và nhà hàng đã ký thỏa thuận với Liên đoàn.",
        body=(
            p(
                "Liên đoàn Lao động tỉnh đã ký thỏa thuận hợp tác với 25 doanh nghiệp, cơ sở "
                "kinh doanh để dành ưu đãi cho đoàn viên công đoàn trong tỉnh."
            ),
            ul(
                "Siêu thị, cửa hàng tiện lợi: giảm 10% với hóa đơn từ 200.000 đồng.",
                "Nhà thuốc, phòng khám tư nhân: giảm 15% chi phí khám, xét nghiệm.",
                "Cửa hàng xe máy: giảm 20% tiền công bảo dưỡng, sửa chữa.",
                "Nhà hàng, khách sạn: giảm 10–20% tùy thời điểm.",
            ),
            p(
                "Danh sách đối tác và mức ưu đãi được cập nhật trên cổng thông tin. Đoàn viên "
                "gặp khó khăn khi sử dụng ưu đãi có thể phản ánh tới Ban Chính sách – Pháp luật "
                "của Liên đoàn."
            ),
        ),
        byline="Ban Chính sách – Pháp luật",
        days=117,
        at="08:45",
        tags=("Phúc lợi đoàn viên",),
        views=420,
        scene="gift",
        cover_caption="Thẻ đoàn viên giúp đoàn viên được ưu đãi tại nhiều cơ sở. Ảnh minh họa.",
    ),
    Story(
        title="Vay vốn giải quyết việc làm qua kênh công đoàn: 46 đoàn viên được giải ngân "
        "3,2 tỷ đồng",
        category=CHAM_LO,
        summary="Nguồn vốn từ Quỹ quốc gia về việc làm giúp đoàn viên mở rộng chăn nuôi, trồng "
        "cây ăn quả và mở cửa hàng nhỏ, tạo thêm việc làm cho hơn 70 lao động.",
        body=(
            p(
                "Liên đoàn Lao động tỉnh vừa phối hợp giải ngân 3,2 tỷ đồng từ Quỹ quốc gia về "
                "việc làm cho 46 đoàn viên, thời hạn vay tối đa 5 năm."
            ),
            p(
                "Các dự án vay vốn chủ yếu là chăn nuôi bò, lợn, trồng cây ăn quả, mở xưởng "
                "mộc và cửa hàng sửa chữa xe máy. Dự kiến các dự án tạo thêm việc làm cho hơn "
                "70 lao động."
            ),
            p(
                "Công đoàn cơ sở có trách nhiệm hướng dẫn đoàn viên lập dự án, theo dõi việc sử "
                "dụng vốn và đôn đốc trả nợ đúng hạn. Đến nay, nguồn vốn do công đoàn quản lý "
                "không có nợ quá hạn."
            ),
        ),
        byline="Ban Chính sách – Pháp luật",
        days=98,
        at="09:50",
        tags=("Phúc lợi đoàn viên",),
        views=336,
    ),
)

# ---------------------------------------------------------------------------------------
# Pictures: calm illustrations in the portal's colours, drawn at twice the size and
# reduced, so the shapes have smooth edges.

COVER_SIZE = (1600, 900)
PHOTO_SIZE = (1200, 800)
SUPERSAMPLE = 2
BLUE_900, BLUE_700, BLUE_050 = (6, 42, 99), (20, 80, 180), (238, 243, 251)
RED_700, GOLD_400, WHITE = (176, 18, 31), (244, 196, 48), (255, 255, 255)
GREEN_700 = (30, 107, 52)

# (top colour, bottom colour, glow) behind the scene of each category.
PALETTES = {
    HOAT_DONG_CONG_DOAN: ((11, 61, 145), (20, 80, 180), (120, 165, 235)),
    HOAT_DONG_CO_SO: ((6, 42, 99), (31, 96, 170), (130, 180, 230)),
    CHINH_SACH: ((28, 52, 92), (64, 100, 150), (200, 215, 235)),
    GUONG_DIEN_HINH: ((150, 20, 32), (210, 80, 50), (244, 196, 48)),
    NU_CONG: ((176, 40, 90), (235, 140, 150), (255, 220, 200)),
    CHAM_LO: ((176, 18, 31), (226, 96, 60), (248, 210, 110)),
}

SCENE_ALT = {
    "gift": "hộp quà buộc nơ",
    "crowd": "hàng người đứng trước sân khấu có băng rôn đỏ",
    "book": "chồng sách, cuốn sách mở và mũ tốt nghiệp",
    "ball": "quả bóng trên sân cỏ trước khung thành",
    "drop": "giọt máu lớn có dấu chữ thập trắng",
    "mountains": "những dãy núi nối nhau dưới mặt trời",
    "document": "tập văn bản có con dấu đỏ và cây bút",
    "helmet": "mũ bảo hộ trước khung cần cẩu",
    "factory": "nhà xưởng có ống khói và bánh răng",
    "house": "ngôi nhà mái đỏ giữa núi",
    "flower": "những bông hoa nhiều cánh",
}

_FONT_FILES = (
    "DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


def _font(size: int):
    """A font with Vietnamese letters, or None: then the picture goes without words."""
    for name in _FONT_FILES:
        if "/" in name and not Path(name).exists():
            continue
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return None


def _with_alpha(colour, alpha: int):
    return (*colour[:3], alpha)


def _mix(a, b, share: float):
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=False))


def _background(size, palette, rng: random.Random) -> Image.Image:
    top, bottom, glow = palette
    width = size[0]
    base = Image.composite(
        Image.new("RGB", size, bottom),
        Image.new("RGB", size, top),
        # A column of the gradient, widened: a vertical gradient is the same across.
        Image.linear_gradient("L").resize((1, size[1])).resize(size, Image.Resampling.NEAREST),
    )
    # A soft light in the upper part. The radial gradient reaches white only in its
    # corners, so it is stretched to be white from its edges on.
    radius = int(width * rng.uniform(0.55, 0.8))
    light = Image.radial_gradient("L").point(lambda value: min(255, value * 181 // 128))
    mask = Image.new("L", size, 255)
    mask.paste(
        light.resize((radius * 2, radius * 2), Image.Resampling.BILINEAR),
        (int(width * rng.uniform(0.45, 0.85)) - radius, -radius // 2),
    )
    mask = mask.point(lambda value: (255 - value) * 55 // 100)
    base.paste(Image.new("RGB", size, glow), (0, 0), mask)
    return base.convert("RGBA")


def _star(cx, cy, outer, inner=None, rotation=-math.pi / 2):
    inner = inner or outer * 0.4
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = rotation + index * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def _mountains(draw, w, h, rng, colours, base=0.72):
    for layer, colour in enumerate(colours):
        floor = h * (base + layer * 0.08)
        points = [(0, h), (0, floor)]
        x = 0.0
        while x < w:
            x += w * rng.uniform(0.08, 0.16)
            peak = floor - h * rng.uniform(0.12, 0.3) / (1 + layer * 0.6)
            points.append((x - w * 0.05, peak))
            points.append((x, floor - h * rng.uniform(0.0, 0.06)))
        points.append((w, h))
        draw.polygon(points, fill=colour)


def _sun(draw, w, h, rng, colour=GOLD_400):
    r = h * rng.uniform(0.08, 0.12)
    cx, cy = w * rng.uniform(0.62, 0.85), h * rng.uniform(0.18, 0.3)
    draw.ellipse((cx - r * 1.6, cy - r * 1.6, cx + r * 1.6, cy + r * 1.6), fill=(*colour, 50))
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*colour, 230))


def _person(draw, cx, ground, scale, colour):
    head = 0.16 * scale
    draw.ellipse(
        (cx - head, ground - scale * 0.95, cx + head, ground - scale * 0.95 + 2 * head), fill=colour
    )
    draw.rounded_rectangle(
        (cx - 0.3 * scale, ground - scale * 0.6, cx + 0.3 * scale, ground + scale * 0.2),
        radius=int(0.22 * scale),
        fill=colour,
    )


def _scene_crowd(draw, w, h, rng):
    draw.rounded_rectangle(
        (w * 0.16, h * 0.12, w * 0.84, h * 0.42), radius=int(h * 0.02), fill=(*RED_700, 235)
    )
    for cx in (w * 0.3, w * 0.7):
        draw.polygon(_star(cx, h * 0.27, h * 0.08), fill=GOLD_400)
    draw.rectangle((w * 0.4, h * 0.24, w * 0.6, h * 0.26), fill=(*GOLD_400, 220))
    draw.rectangle((w * 0.36, h * 0.29, w * 0.64, h * 0.305), fill=(*GOLD_400, 160))
    rows = (
        (0.74, 0.16, (*BLUE_050, 150)),
        (0.86, 0.2, (*BLUE_050, 200)),
        (1.0, 0.24, (*WHITE, 235)),
    )
    for ground, size, colour in rows:
        scale = h * size
        x = -scale * rng.uniform(0, 0.6)
        while x < w + scale:
            _person(draw, x, h * ground, scale, colour)
            x += scale * rng.uniform(0.7, 0.95)


def _scene_gift(draw, w, h, rng):
    boxes = ((0.2, 0.28), (0.45, 0.22), (0.68, 0.26))
    colours = (RED_700, GOLD_400, (20, 80, 180))
    ribbons = (GOLD_400, RED_700, GOLD_400)
    for (x, size), fill, ribbon in zip(boxes, colours, ribbons, strict=True):
        side = h * size * rng.uniform(0.95, 1.1)
        left, bottom = w * x, h * 0.9
        top = bottom - side
        draw.rectangle((left, top, left + side * 1.1, bottom), fill=(*fill, 255))
        draw.rectangle(
            (left - side * 0.06, top - side * 0.16, left + side * 1.16, top),
            fill=(*_mix(fill, WHITE, 0.15), 255),
        )
        mid = left + side * 0.55
        draw.rectangle(
            (mid - side * 0.07, top - side * 0.16, mid + side * 0.07, bottom), fill=ribbon
        )
        bow = side * 0.22
        draw.ellipse(
            (mid - bow * 1.9, top - side * 0.16 - bow, mid, top - side * 0.16 + bow * 0.2),
            fill=ribbon,
        )
        draw.ellipse(
            (mid, top - side * 0.16 - bow, mid + bow * 1.9, top - side * 0.16 + bow * 0.2),
            fill=ribbon,
        )
    for _ in range(14):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h * 0.5), h * rng.uniform(0.01, 0.025)
        draw.polygon(_star(x, y, r), fill=(*GOLD_400, 200))


def _scene_book(draw, w, h, rng):
    colours = (RED_700, (20, 80, 180), GOLD_400, GREEN_700, (11, 61, 145))
    bottom = h * 0.9
    for index in range(5):
        width = w * rng.uniform(0.26, 0.32)
        left = w * 0.12 + rng.uniform(-1, 1) * w * 0.02
        thick = h * 0.07
        top = bottom - thick
        draw.rounded_rectangle(
            (left, top, left + width, bottom), radius=int(thick * 0.2), fill=colours[index]
        )
        draw.rectangle(
            (left + width * 0.08, top + thick * 0.3, left + width * 0.92, top + thick * 0.42),
            fill=(*WHITE, 140),
        )
        bottom = top
    # An open book on the right.
    cx, cy = w * 0.68, h * 0.72
    page_w, page_h = w * 0.17, h * 0.3
    draw.polygon(
        [
            (cx, cy),
            (cx - page_w, cy - page_h * 0.1),
            (cx - page_w, cy + page_h * 0.6),
            (cx, cy + page_h * 0.7),
        ],
        fill=(*WHITE, 245),
    )
    draw.polygon(
        [
            (cx, cy),
            (cx + page_w, cy - page_h * 0.1),
            (cx + page_w, cy + page_h * 0.6),
            (cx, cy + page_h * 0.7),
        ],
        fill=(*BLUE_050, 245),
    )
    for line in range(5):
        y = cy + page_h * (0.08 + line * 0.1)
        draw.line(
            (cx - page_w * 0.85, y - page_h * 0.06, cx - page_w * 0.12, y),
            fill=(*BLUE_700, 120),
            width=max(2, int(h * 0.006)),
        )
        draw.line(
            (cx + page_w * 0.12, y, cx + page_w * 0.85, y - page_h * 0.06),
            fill=(*BLUE_700, 120),
            width=max(2, int(h * 0.006)),
        )
    # A graduation cap above the stack.
    capx, capy, cap = w * 0.27, bottom - h * 0.1, w * 0.1
    draw.polygon(
        [
            (capx - cap, capy),
            (capx, capy - cap * 0.35),
            (capx + cap, capy),
            (capx, capy + cap * 0.35),
        ],
        fill=BLUE_900,
    )
    draw.rectangle(
        (capx - cap * 0.5, capy + cap * 0.1, capx + cap * 0.5, capy + cap * 0.45), fill=BLUE_900
    )
    draw.line(
        (capx + cap * 0.7, capy + cap * 0.05, capx + cap * 0.7, capy + cap * 0.6),
        fill=GOLD_400,
        width=max(3, int(h * 0.01)),
    )


def _scene_ball(draw, w, h, rng):
    for index in range(8):
        top = h * 0.55 + index * h * 0.06
        shade = GREEN_700 if index % 2 else _mix(GREEN_700, WHITE, 0.15)
        draw.rectangle((0, top, w, top + h * 0.06), fill=(*shade, 255))
    line = max(3, int(h * 0.008))
    draw.line((0, h * 0.7, w, h * 0.7), fill=(*WHITE, 200), width=line)
    gx, gy, gw, gh = w * 0.3, h * 0.3, w * 0.4, h * 0.3
    draw.rectangle((gx, gy, gx + gw, gy + gh), outline=WHITE, width=line * 3)
    for step in range(1, 10):
        x = gx + gw * step / 10
        draw.line((x, gy, x, gy + gh), fill=(*WHITE, 90), width=line)
    for step in range(1, 5):
        y = gy + gh * step / 5
        draw.line((gx, y, gx + gw, y), fill=(*WHITE, 90), width=line)
    r = h * 0.11
    bx, by = w * rng.uniform(0.55, 0.7), h * 0.8
    draw.ellipse((bx - r * 1.1, by + r * 0.7, bx + r * 1.1, by + r * 1.05), fill=(0, 0, 0, 70))
    draw.ellipse((bx - r, by - r, bx + r, by + r), fill=WHITE)
    draw.polygon(_star(bx, by, r * 0.38, r * 0.3, rotation=-math.pi / 2)[::2], fill=BLUE_900)
    for angle in range(5):
        a = -math.pi / 2 + angle * 2 * math.pi / 5
        px, py = bx + r * 0.82 * math.cos(a), by + r * 0.82 * math.sin(a)
        draw.ellipse((px - r * 0.16, py - r * 0.16, px + r * 0.16, py + r * 0.16), fill=BLUE_900)


def _scene_drop(draw, w, h, rng):
    for _ in range(9):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h), h * rng.uniform(0.02, 0.05)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*WHITE, 60))
    cx, cy, r = w * 0.5, h * 0.6, h * 0.22
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=RED_700)
    draw.polygon(
        [(cx, cy - r * 2.3), (cx - r * 0.93, cy - r * 0.37), (cx + r * 0.93, cy - r * 0.37)],
        fill=RED_700,
    )
    arm, thick = r * 0.45, r * 0.15
    draw.rectangle((cx - arm, cy - thick, cx + arm, cy + thick), fill=WHITE)
    draw.rectangle((cx - thick, cy - arm, cx + thick, cy + arm), fill=WHITE)
    draw.ellipse((cx - r * 0.75, cy - r * 0.9, cx - r * 0.45, cy - r * 0.4), fill=(*WHITE, 90))


def _scene_mountains(draw, w, h, rng):
    _sun(draw, w, h, rng)
    _mountains(draw, w, h, rng, ((*BLUE_050, 90), (30, 107, 52, 200), (20, 70, 40, 255)), base=0.6)
    # Terraced fields on the nearest slope.
    for index in range(4):
        y = h * (0.86 + index * 0.035)
        draw.line((0, y, w, y - h * 0.03), fill=(*GOLD_400, 110), width=max(3, int(h * 0.006)))


def _scene_document(draw, w, h, rng):
    for index, tilt in enumerate((-0.04, 0.02, 0.0)):
        left = w * (0.24 + index * 0.04)
        top = h * (0.16 + index * 0.03)
        sheet_w, sheet_h = w * 0.36, h * 0.74
        fill = (*WHITE, 200 + index * 25)
        draw.polygon(
            [
                (left, top),
                (left + sheet_w, top + sheet_h * tilt),
                (left + sheet_w, top + sheet_h * (1 + tilt)),
                (left, top + sheet_h),
            ],
            fill=fill,
        )
    left, top = w * 0.32, h * 0.26
    draw.rectangle((left, top, left + w * 0.2, top + h * 0.03), fill=(*BLUE_900, 220))
    for line in range(8):
        y = top + h * (0.08 + line * 0.055)
        length = w * (0.26 if line % 3 else 0.2)
        draw.rectangle((left, y, left + length, y + h * 0.014), fill=(*BLUE_700, 110))
    cx, cy, r = w * 0.55, h * 0.74, h * 0.085
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(*RED_700, 230), width=int(r * 0.14))
    draw.polygon(_star(cx, cy, r * 0.55), fill=(*RED_700, 230))
    # A pen lying across the corner.
    px, py, length = w * 0.66, h * 0.3, w * 0.22
    angle = math.radians(rng.uniform(55, 65))
    dx, dy = math.cos(angle) * length, math.sin(angle) * length
    nx, ny = -math.sin(angle) * h * 0.018, math.cos(angle) * h * 0.018
    draw.polygon(
        [
            (px + nx, py + ny),
            (px + dx + nx, py + dy + ny),
            (px + dx * 1.1, py + dy * 1.1),
            (px + dx - nx, py + dy - ny),
            (px - nx, py - ny),
        ],
        fill=GOLD_400,
    )


def _scene_helmet(draw, w, h, rng):
    line = max(4, int(h * 0.012))
    mast = w * 0.7
    draw.line((mast, h, mast, h * 0.12), fill=(*GOLD_400, 200), width=line * 2)
    draw.line((w * 0.3, h * 0.14, w * 0.95, h * 0.14), fill=(*GOLD_400, 200), width=line * 2)
    for step in range(10):
        x = w * 0.3 + step * w * 0.065
        draw.line((x, h * 0.14, x + w * 0.032, h * 0.2), fill=(*GOLD_400, 150), width=line)
    draw.line((w * 0.42, h * 0.14, w * 0.42, h * 0.45), fill=(*WHITE, 180), width=line // 2)
    for row in range(4):
        y = h * (0.5 + row * 0.1)
        draw.line((w * 0.05, y, w * 0.4, y), fill=(*BLUE_050, 110), width=line)
    for col in range(5):
        x = w * (0.05 + col * 0.0875)
        draw.line((x, h * 0.5, x, h), fill=(*BLUE_050, 110), width=line)
    cx, cy, r = w * 0.48, h * 0.78, h * 0.2
    draw.pieslice((cx - r * 1.2, cy - r, cx + r * 1.2, cy + r), 180, 360, fill=GOLD_400)
    draw.rounded_rectangle(
        (cx - r * 1.55, cy - r * 0.05, cx + r * 1.55, cy + r * 0.16),
        radius=int(r * 0.08),
        fill=_mix(GOLD_400, (0, 0, 0), 0.12),
    )
    draw.rectangle(
        (cx - r * 0.12, cy - r * 1.02, cx + r * 0.12, cy), fill=_mix(GOLD_400, WHITE, 0.3)
    )
    del rng


def _gear(draw, cx, cy, r, colour):
    teeth = 10
    points = []
    for index in range(teeth * 4):
        angle = index * 2 * math.pi / (teeth * 4)
        radius = r if (index // 2) % 2 == 0 else r * 0.8
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=colour)
    draw.ellipse((cx - r * 0.35, cy - r * 0.35, cx + r * 0.35, cy + r * 0.35), fill=(0, 0, 0, 0))


def _scene_factory(draw, w, h, rng):
    floor = h * 0.92
    x = w * 0.05
    for _ in range(4):
        bay = w * 0.14
        draw.polygon(
            [
                (x, floor),
                (x, floor - h * 0.3),
                (x + bay * 0.7, floor - h * 0.42),
                (x + bay, floor - h * 0.3),
                (x + bay, floor),
            ],
            fill=(*BLUE_050, 230),
        )
        for row in range(2):
            for col in range(3):
                wx = x + bay * (0.12 + col * 0.28)
                wy = floor - h * (0.24 - row * 0.1)
                draw.rectangle((wx, wy, wx + bay * 0.18, wy + h * 0.06), fill=(*GOLD_400, 220))
        x += bay
    chimney = w * 0.12
    draw.rectangle(
        (chimney, floor - h * 0.72, chimney + w * 0.035, floor - h * 0.38), fill=(*BLUE_050, 230)
    )
    draw.rectangle(
        (chimney, floor - h * 0.7, chimney + w * 0.035, floor - h * 0.67), fill=(*RED_700, 255)
    )
    for index in range(4):
        r = h * (0.035 + index * 0.012)
        sx = chimney + w * 0.02 + index * w * 0.035
        sy = floor - h * (0.78 + index * 0.04)
        draw.ellipse((sx - r, sy - r, sx + r, sy + r), fill=(*WHITE, 120 - index * 20))
    _gear(draw, w * 0.78, h * 0.45, h * 0.22, (*GOLD_400, 235))
    _gear(draw, w * 0.9, h * 0.72, h * 0.12, (*WHITE, 200))
    del rng


def _scene_house(draw, w, h, rng):
    _sun(draw, w, h, rng)
    _mountains(draw, w, h, rng, ((*BLUE_050, 80), (30, 107, 52, 170)), base=0.62)
    draw.rectangle((0, h * 0.86, w, h), fill=(30, 107, 52, 255))
    left, right, top, floor = w * 0.32, w * 0.68, h * 0.5, h * 0.88
    draw.rectangle((left, top, right, floor), fill=(*WHITE, 250))
    draw.polygon(
        [
            (left - w * 0.04, top + h * 0.01),
            (w * 0.5, h * 0.24),
            (right + w * 0.04, top + h * 0.01),
        ],
        fill=RED_700,
    )
    draw.rectangle((w * 0.46, h * 0.66, w * 0.54, floor), fill=BLUE_900)
    for wx in (w * 0.36, w * 0.58):
        draw.rectangle((wx, h * 0.6, wx + w * 0.06, h * 0.72), fill=GOLD_400)
        draw.line(
            (wx + w * 0.03, h * 0.6, wx + w * 0.03, h * 0.72),
            fill=WHITE,
            width=max(3, int(h * 0.006)),
        )
    draw.polygon(_star(w * 0.5, h * 0.37, h * 0.045), fill=GOLD_400)


def _petal_flower(draw, cx, cy, r, colour, centre, petals=6, turn=0.0):
    for index in range(petals):
        angle = turn + index * 2 * math.pi / petals
        # An ellipse along the petal's direction, from the centre outwards.
        mx, my = cx + r * 0.5 * math.cos(angle), cy + r * 0.5 * math.sin(angle)
        points = []
        for step in range(32):
            t = step * 2 * math.pi / 32
            u, v = r * 0.5 * math.cos(t), r * 0.2 * math.sin(t)
            points.append(
                (
                    mx + u * math.cos(angle) - v * math.sin(angle),
                    my + u * math.sin(angle) + v * math.cos(angle),
                )
            )
        draw.polygon(points, fill=colour)
    draw.ellipse((cx - r * 0.18, cy - r * 0.18, cx + r * 0.18, cy + r * 0.18), fill=centre)


def _scene_flower(draw, w, h, rng):
    for _ in range(7):
        cx, cy = w * rng.uniform(0.05, 0.95), h * rng.uniform(0.35, 0.95)
        r = h * rng.uniform(0.1, 0.22)
        draw.line(
            (cx, cy, cx + rng.uniform(-1, 1) * w * 0.03, h),
            fill=(30, 107, 52, 200),
            width=max(4, int(h * 0.01)),
        )
        _petal_flower(draw, cx, cy, r, (*WHITE, 215), GOLD_400, turn=rng.uniform(0, math.pi))
    for _ in range(12):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h * 0.4), h * rng.uniform(0.006, 0.016)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*WHITE, 150))


SCENES = {
    "crowd": _scene_crowd,
    "gift": _scene_gift,
    "book": _scene_book,
    "ball": _scene_ball,
    "drop": _scene_drop,
    "mountains": _scene_mountains,
    "document": _scene_document,
    "helmet": _scene_helmet,
    "factory": _scene_factory,
    "house": _scene_house,
    "flower": _scene_flower,
}


@functools.lru_cache(maxsize=64)
def draw_picture(scene: str, palette, *, seed: str, size=COVER_SIZE, label: str = "") -> bytes:
    """A JPEG illustration of `scene`: the same bytes for the same seed (and font).

    Kept in memory, so loading the demo again in the same process (the test suite
    does) does not draw the pictures again.
    """
    rng = random.Random(seed)
    picture = _background(size, palette, rng)
    # Shapes are drawn at twice the size and reduced, premultiplied so edges stay clean.
    layer = Image.new("RGBA", (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE), (0, 0, 0, 0))
    SCENES[scene](ImageDraw.Draw(layer), *layer.size, rng)
    picture.alpha_composite(layer.convert("RGBa").reduce(SUPERSAMPLE).convert("RGBA"))
    if label:
        _label(picture, label)
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def _label(picture: Image.Image, label: str) -> None:
    """The federation's name at the top and the section at the bottom, over soft bands."""
    width, height = picture.size
    small, large = _font(int(height * 0.032)), _font(int(height * 0.06))
    if small is None or large is None:
        return
    band = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(band)
    margin = int(width * 0.04)
    draw.rectangle(
        (margin, int(height * 0.06), margin + int(height * 0.012), int(height * 0.11)),
        fill=GOLD_400,
    )
    draw.text(
        (margin + int(height * 0.03), int(height * 0.062)),
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐIỆN BIÊN",
        font=small,
        fill=(*WHITE, 235),
    )
    box = draw.textbbox((0, 0), label, font=large)
    text_w, text_h = box[2] - box[0], box[3] - box[1]
    pad = int(height * 0.025)
    top = height - margin - text_h - 2 * pad
    draw.rounded_rectangle(
        (margin, top, margin + text_w + 2 * pad, height - margin), radius=pad, fill=(*BLUE_900, 200)
    )
    draw.text((margin + pad - box[0], top + pad - box[1]), label, font=large, fill=WHITE)
    picture.alpha_composite(band)


# ---------------------------------------------------------------------------------------
# Loading.

ADMINISTRATOR, EDITOR = "quantri", "bientap"


def seed_news(stdout, *, logins: bool = True, **options) -> None:
    acting = _acting_user(logins)
    author = _demo_user(EDITOR) if logins else None
    moderator = _demo_user(ADMINISTRATOR) if logins else None
    categories = _seed_categories()
    tags = _seed_tags()
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    created = 0
    for story in STORIES:
        created += _seed_story(
            story,
            categories,
            tags,
            acting=acting,
            author=author,
            moderator=moderator,
            today=today,
        )

    articles = Article.objects.filter(slug__in=[slugify_vi(story.title) for story in STORIES])
    published = articles.published().count()
    scheduled = articles.filter(status=Article.Status.PUBLISHED).count() - published
    unpublished = articles.exclude(status=Article.Status.PUBLISHED).count()
    stdout.write(
        f"News: {len(categories)} categories, {len(tags)} tags, {articles.count()} articles "
        f"({created} new; {published} published, {scheduled} scheduled, {unpublished} in "
        "the workflow), "
        f"{Photo.objects.filter(article__in=articles).count()} photos, "
        f"{Rating.objects.filter(article__in=articles).count()} ratings, "
        f"{Comment.objects.filter(article__in=articles).count()} comments."
    )


def _demo_user(username: str):
    """A demo login of the federation step, never a real account that has the name."""
    user = get_user_model().objects.filter(username=username).first()
    return user if user is not None and is_demo(user) else None


def _acting_user(logins: bool):
    """Who the news rules see making the changes.

    The demo administrator when there are demo logins; otherwise a superuser that exists
    in memory only, so that loading without logins adds no account to the database.
    """
    administrator = _demo_user(ADMINISTRATOR) if logins else None
    if administrator is not None:
        return administrator
    return get_user_model()(username="noi-dung-mau", is_active=True, is_superuser=True)


def _seed_categories() -> dict[str, Category]:
    found = {}
    for spec in CATEGORIES:
        slug = slugify_vi(spec.name)
        category = Category.objects.filter(slug=slug).first() or Category(slug=slug)
        wanted = {
            "name": spec.name,
            "description": spec.description,
            "order": spec.order,
            "parent": found[spec.parent] if spec.parent else None,
            "show_in_menu": True,
            "show_on_home": spec.show_on_home,
        }
        if _assign(category, wanted):
            category.full_clean()
            category.save()
        found[slug] = remember(category)
    return found


def _seed_tags() -> dict[str, Tag]:
    found = {}
    for name in TAGS:
        slug = slugify_vi(name)
        tag = Tag.objects.filter(slug=slug).first() or Tag.objects.filter(name=name).first()
        tag = tag or Tag()
        if _assign(tag, {"name": name, "slug": slug}):
            tag.full_clean()
            tag.save()
        found[name] = remember(tag)
    return found


def _assign(instance, values: dict) -> bool:
    """Set the values on the instance; True when any of them differed (or it is new)."""
    changed = instance.pk is None
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if field.is_relation:
            # Compare keys: reading an unset relation of a new row raises.
            current, value_key = getattr(instance, field.attname), value and value.pk
        else:
            current, value_key = getattr(instance, name), value
        if current != value_key:
            setattr(instance, name, value)
            changed = True
    return changed


def _publication_time(story: Story, today):
    hour, minute = (int(part) for part in story.at.split(":"))
    return today - timedelta(days=story.days) + timedelta(hours=hour, minutes=minute)


def _with_register_figures(story: Story, *texts: str) -> tuple[str, ...]:
    """The texts with the figures of the union the story is about, as the register has them."""
    if not story.about_unit:
        return texts
    day = timezone.localdate() - timedelta(days=story.days or 0)
    size = register_size(story.about_unit, on=day)
    figures = {
        "{admitted}": size["admitted"],
        "{founded}": size["founded"],
        "{members}": size["members"],
        "{unions}": size["unions"],
        "{public}": size["unions_by_sector"][Sector.PUBLIC],
        "{non_state}": size["unions_by_sector"][Sector.NON_STATE],
    }
    filled = []
    for text in texts:
        for placeholder, value in figures.items():
            text = text.replace(placeholder, format_number(value))
        filled.append(text)
    return tuple(filled)


def _seed_story(story, categories, tags, *, acting, author, moderator, today) -> bool:
    """Load one article with its photos, ratings and comments; True when it is new."""
    slug = slugify_vi(story.title)
    category = categories[story.category]
    article = Article.objects.filter(slug=slug).first()
    is_new = article is None
    article = article or Article(slug=slug)
    sanitize = Article._meta.get_field("body").sanitize
    summary, body = _with_register_figures(story, story.summary, "".join(story.body))
    wanted = {
        "title": story.title,
        "summary": summary,
        "body": sanitize(body),
        "category": category,
        "byline": story.byline,
        "source": story.source,
        "featured": story.featured,
        "author": author,
    }
    if story.scene:
        wanted["cover_alt"] = (
            f"Hình minh họa: {SCENE_ALT[story.scene]}, kèm dòng chữ “{category.name}”"
        )
        wanted["cover_caption"] = story.cover_caption
    changed = _assign(article, wanted)
    if story.scene and not article.cover:
        # Drawn once: a rerun keeps the picture (and its renditions) already stored.
        picture = draw_picture(
            story.scene, PALETTES[story.category], seed=f"bia:{slug}", label=category.name
        )
        article.cover = ContentFile(picture, name=f"{slug[:80]}.jpg")
        changed = True
    if changed or (article.cover and not article.cover_small):
        if article.pk is None and acting.pk is None:
            # The acting superuser is not stored, so it cannot become the author: the row
            # is written in the shape save_article would give it, then saved through it.
            article.full_clean()
            article.save()
        services.save_article(article=article, user=acting)
        if article.author_id != (author.pk if author else None):
            # save_article credits new articles to the acting user; the demo credits the
            # editor, or nobody when the demo has no logins.
            Article.objects.filter(pk=article.pk).update(author=author)
            article.author = author
    remember(article)
    article.tags.set([tags[name] for name in story.tags])
    article.extra_categories.set([categories[slug] for slug in story.extra_categories])

    _set_status(article, story, acting=acting, today=today)
    if article.views != story.views:
        Article.objects.filter(pk=article.pk).update(views=story.views)
        article.views = story.views

    for number, spec in enumerate(story.photos, start=1):
        _seed_photo(article, number, spec, PALETTES[story.category])
    if article.is_public:
        _seed_ratings(article, story.ratings)
        _seed_comments(article, story.comments, moderator=moderator)
    return is_new


def _set_status(article, story, *, acting, today) -> None:
    Status = Article.Status
    if story.status == Status.PUBLISHED:
        at = _publication_time(story, today)
        if article.status != Status.PUBLISHED or article.published_at != at:
            services.publish_article(article=article, user=acting, at=at)
    elif story.status == Status.SUBMITTED:
        if article.status in (Status.DRAFT, Status.RETURNED):
            services.submit_article(article=article, user=acting)
        elif article.status != Status.SUBMITTED:
            Article.objects.filter(pk=article.pk).update(status=Status.SUBMITTED, published_at=None)
    elif article.status != Status.DRAFT:
        Article.objects.filter(pk=article.pk).update(status=Status.DRAFT, published_at=None)


def _seed_photo(article, number: int, spec: PhotoSpec, palette) -> None:
    photo = Photo.objects.filter(article=article, order=number).first()
    photo = photo or Photo(article=article, order=number)
    changed = _assign(photo, {"alt": spec.alt, "caption": spec.caption})
    if not photo.image:
        picture = draw_picture(
            spec.scene, palette, seed=f"anh:{article.slug}:{number}", size=PHOTO_SIZE
        )
        photo.image = ContentFile(picture, name=f"anh-{number}.jpg")
        changed = True
    if changed or not photo.small:
        services.save_photo(photo=photo)
    remember(photo)


def _seed_ratings(article, scores: tuple[int, ...]) -> None:
    voters = {f"demo-{number}": score for number, score in enumerate(scores, start=1)}
    stored = dict(
        Rating.objects.filter(article=article, voter__in=voters).values_list("voter", "score")
    )
    for voter, score in voters.items():
        if stored.get(voter) != score:
            services.rate_article(article=article, voter=voter, score=score)
    for rating in Rating.objects.filter(article=article, voter__in=voters):
        remember(rating)


def _seed_comments(article, comments: tuple[CommentSpec, ...], *, moderator) -> None:
    now = timezone.now()
    for index, spec in enumerate(comments):
        comment = Comment.objects.filter(article=article, name=spec.name, text=spec.text).first()
        if comment is None:
            if spec.approved:
                sent = article.published_at + timedelta(hours=2 + 5 * index, minutes=17 * index)
                sent = min(sent, now - timedelta(minutes=90 - 10 * index))
            else:
                sent = now - timedelta(hours=1 + 3 * index)
                sent = max(sent, article.published_at + timedelta(minutes=30))
            comment = Comment(
                article=article,
                name=spec.name,
                email=slugify_vi(spec.name).replace("-", ".") + "@example.com",
                text=spec.text,
                created_at=sent,
            )
            if spec.approved:
                comment.status = Comment.Status.APPROVED
                comment.moderated_at = min(sent + timedelta(hours=1), now)
                comment.moderated_by = moderator
            comment.full_clean()
            comment.save()
        remember(comment)
