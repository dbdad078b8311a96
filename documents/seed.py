"""Demo documents of the Điện Biên federation: classifications, about forty documents, files.

Documents are saved through documents.services.save_document and their files filed through
documents.services.attach_file, so they are checked as an upload from a clerk's computer
is. The files are made here: a one-page PDF drawn with Pillow (a bilevel scan, a few
kilobytes) and, for some documents, a Word file (a minimal Office Open XML package).

Rows are looked up by their natural keys (names; issuing body and number; document and
file name), so running the step again adds nothing. A demo document already in place is
left as it is, dates and counters included: only files or links it lacks are added back.
A document of the same number that staff filed is never touched.

Most dates are fixed (2019–2026); the newest documents, and the two not yet in force,
are dated from today so the demo keeps showing them as new and pending.
"""

import functools
import hashlib
import io
import random
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from documents import services
from documents.models import (
    Document,
    DocumentFile,
    DocumentType,
    Field,
    Issuer,
    Signer,
    Status,
    number_key,
)
from federation.demo import is_demo, remember

# ---------------------------------------------------------------------------------------
# Classifications.

# (name, abbreviation); the list order is the order in drop-downs.
TYPES = (
    ("Chỉ thị", "CT"),
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Hướng dẫn", "HD"),
    ("Kế hoạch", "KH"),
    ("Công văn", "CV"),
    ("Thông báo", "TB"),
    ("Báo cáo", "BC"),
)


@dataclass(frozen=True)
class IssuerSpec:
    name: str
    abbreviation: str
    header: tuple[str, str]  # the two lines at the top left of its documents
    place: str  # where its documents are dated
    party: bool = False  # Party documents carry the Party's name instead of the motto


ISSUERS = {
    "TLĐ": IssuerSpec(
        "Tổng Liên đoàn Lao động Việt Nam",
        "TLĐ",
        ("TỔNG LIÊN ĐOÀN", "LAO ĐỘNG VIỆT NAM"),
        "Hà Nội",
    ),
    "TU": IssuerSpec(
        "Tỉnh ủy Điện Biên",
        "TU",
        ("ĐẢNG BỘ TỈNH ĐIỆN BIÊN", "TỈNH ỦY"),
        "Điện Biên",
        party=True,
    ),
    "UBND": IssuerSpec(
        "UBND tỉnh Điện Biên",
        "UBND",
        ("ỦY BAN NHÂN DÂN", "TỈNH ĐIỆN BIÊN"),
        "Điện Biên",
    ),
    "LĐLĐ": IssuerSpec(
        "LĐLĐ tỉnh Điện Biên",
        "LĐLĐ",
        ("TỔNG LĐLĐ VIỆT NAM", "LĐLĐ TỈNH ĐIỆN BIÊN"),
        "Điện Biên",
    ),
    "BTV": IssuerSpec(
        "Ban Thường vụ LĐLĐ tỉnh Điện Biên",
        "BTV",
        ("LĐLĐ TỈNH ĐIỆN BIÊN", "BAN THƯỜNG VỤ"),
        "Điện Biên",
    ),
}

TAI_CHINH, TO_CHUC, CHINH_SACH = "tai-chinh", "to-chuc", "chinh-sach"
TUYEN_GIAO, NU_CONG, THI_DUA = "tuyen-giao", "nu-cong", "thi-dua"
FIELDS = {
    TAI_CHINH: "Tài chính công đoàn",
    TO_CHUC: "Tổ chức",
    CHINH_SACH: "Chính sách – Pháp luật",
    TUYEN_GIAO: "Tuyên giáo",
    NU_CONG: "Nữ công",
    THI_DUA: "Thi đua – Khen thưởng",
}


@dataclass(frozen=True)
class SignerSpec:
    name: str
    position: str
    capacity: tuple[str, ...]  # the lines above the signature: "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"


SIGNERS = {
    "chu-tich": SignerSpec(
        "Quàng Văn Bình",
        "Chủ tịch Liên đoàn Lao động tỉnh",
        ("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"),
    ),
    "pho-thuong-truc": SignerSpec(
        "Nguyễn Thị Thu Hà",
        "Phó Chủ tịch Thường trực Liên đoàn Lao động tỉnh",
        ("TM. BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH THƯỜNG TRỰC"),
    ),
    "pho-chu-tich": SignerSpec(
        "Lò Văn Khánh",
        "Phó Chủ tịch Liên đoàn Lao động tỉnh",
        ("TM. BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH"),
    ),
    "tld-1": SignerSpec(
        "Trần Đức Thịnh",
        "Phó Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
        ("TM. ĐOÀN CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ),
    "tld-2": SignerSpec(
        "Phạm Thị Lan Anh",
        "Phó Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
        ("TM. ĐOÀN CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ),
    "ubnd-chu-tich": SignerSpec(
        "Cầm Văn Tuấn",
        "Chủ tịch UBND tỉnh",
        ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    ),
    "ubnd-pho": SignerSpec(
        "Đỗ Minh Khoa",
        "Phó Chủ tịch UBND tỉnh",
        ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ),
    "tinh-uy": SignerSpec(
        "Lê Thị Hồng Nhung",
        "Phó Bí thư Thường trực Tỉnh ủy",
        ("T/M TỈNH ỦY", "PHÓ BÍ THƯ THƯỜNG TRỰC"),
    ),
}

# ---------------------------------------------------------------------------------------
# The documents.


@dataclass(frozen=True)
class Doc:
    """One demo document.

    `issued` is a date, or a number of days before today. `effective` is a number of
    days after the issue date (0: from the day it is signed) or None. `title` ends the
    name of its main file ("Chỉ thị 92-CT-UBND <title>.pdf"); `extras` are the names of
    further files (an appendix, a form), Word or PDF by their extension.
    """

    number: str
    type: str
    issuer: str
    issued: date | int
    summary: str
    title: str
    fields: tuple[str, ...]
    signer: str
    effective: int | None = 0
    expires: date | None = None
    extras: tuple[str, ...] = ()
    word: bool = False  # the main file is a Word file rather than a PDF scan
    replaces: tuple[str, ...] = ()  # numbers of older documents
    related: tuple[str, ...] = ()
    public: bool = True


DOCUMENTS = (
    # --- 2019 ----------------------------------------------------------------------------
    Doc(
        "18/CT-UBND",
        "CT",
        "UBND",
        date(2019, 3, 12),
        "Về tăng cường công tác phát triển đoàn viên, thành lập công đoàn cơ sở trong các "
        "doanh nghiệp ngoài nhà nước trên địa bàn tỉnh",
        "về phát triển đoàn viên trong doanh nghiệp ngoài nhà nước",
        (TO_CHUC,),
        "ubnd-chu-tich",
    ),
    Doc(
        "2156/QĐ-TLĐ",
        "QĐ",
        "TLĐ",
        date(2019, 8, 14),
        "Về việc ban hành Quy chế khen thưởng của tổ chức Công đoàn Việt Nam",
        "ban hành Quy chế khen thưởng",
        (THI_DUA,),
        "tld-1",
        effective=18,
    ),
    Doc(
        "35/HD-LĐLĐ",
        "HD",
        "LĐLĐ",
        date(2019, 10, 2),
        "Hướng dẫn tổ chức phong trào thi đua “Giỏi việc nước, đảm việc nhà” trong nữ "
        "đoàn viên, công nhân, viên chức, lao động giai đoạn 2019–2024",
        "phong trào Giỏi việc nước, đảm việc nhà 2019-2024",
        (NU_CONG, THI_DUA),
        "pho-thuong-truc",
        expires=date(2025, 1, 1),
        extras=("Mẫu đăng ký thi đua Giỏi việc nước, đảm việc nhà.docx",),
    ),
    Doc(
        "412/BC-LĐLĐ",
        "BC",
        "LĐLĐ",
        date(2019, 12, 18),
        "Tổng kết hoạt động công đoàn năm 2019; phương hướng, nhiệm vụ năm 2020",
        "tổng kết hoạt động công đoàn năm 2019",
        (TO_CHUC,),
        "chu-tich",
        effective=None,
    ),
    # --- 2020 ----------------------------------------------------------------------------
    Doc(
        "11/KH-LĐLĐ",
        "KH",
        "LĐLĐ",
        date(2020, 3, 27),
        "Hỗ trợ đoàn viên, người lao động bị mất việc làm, giảm thu nhập do ảnh hưởng của "
        "dịch COVID-19",
        "hỗ trợ người lao động bị ảnh hưởng dịch COVID-19",
        (CHINH_SACH, TAI_CHINH),
        "chu-tich",
        expires=date(2022, 7, 1),
        extras=("Mẫu danh sách đề nghị hỗ trợ do dịch COVID-19.docx",),
    ),
    Doc(
        "1076/LĐLĐ",
        "CV",
        "LĐLĐ",
        date(2020, 8, 21),
        "V/v đôn đốc thu, nộp kinh phí công đoàn, đoàn phí công đoàn 6 tháng cuối năm 2020",
        "đôn đốc thu nộp kinh phí công đoàn cuối năm 2020",
        (TAI_CHINH,),
        "pho-chu-tich",
        effective=None,
        expires=date(2021, 1, 1),
        word=True,
    ),
    Doc(
        "2718/QĐ-UBND",
        "QĐ",
        "UBND",
        date(2020, 12, 28),
        "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh cho các tập thể, cá nhân có thành "
        "tích xuất sắc trong phong trào công nhân, viên chức, lao động năm 2020",
        "tặng Bằng khen phong trào CNVCLĐ năm 2020",
        (THI_DUA,),
        "ubnd-pho",
    ),
    # --- 2021 ----------------------------------------------------------------------------
    Doc(
        "08-NQ/TU",
        "NQ",
        "TU",
        date(2021, 6, 15),
        "Về tăng cường sự lãnh đạo của Đảng đối với tổ chức Công đoàn và xây dựng giai cấp "
        "công nhân tỉnh Điện Biên giai đoạn 2021–2030",
        "về xây dựng giai cấp công nhân giai đoạn 2021-2030",
        (TO_CHUC, TUYEN_GIAO),
        "tinh-uy",
    ),
    Doc(
        "27/KH-LĐLĐ",
        "KH",
        "LĐLĐ",
        date(2021, 7, 5),
        "Thực hiện Nghị quyết số 08-NQ/TU của Tỉnh ủy về tăng cường sự lãnh đạo của Đảng "
        "đối với tổ chức Công đoàn giai đoạn 2021–2030",
        "thực hiện Nghị quyết 08-NQ-TU của Tỉnh ủy",
        (TUYEN_GIAO, TO_CHUC),
        "chu-tich",
        related=("08-NQ/TU",),
    ),
    Doc(
        "3512/QĐ-TLĐ",
        "QĐ",
        "TLĐ",
        date(2021, 8, 3),
        "Về việc chi hỗ trợ đoàn viên công đoàn, người lao động bị ảnh hưởng bởi đại dịch COVID-19",
        "chi hỗ trợ đoàn viên bị ảnh hưởng dịch COVID-19",
        (CHINH_SACH, TAI_CHINH),
        "tld-2",
        expires=date(2022, 4, 1),
        related=("11/KH-LĐLĐ",),
    ),
    Doc(
        "52/HD-LĐLĐ",
        "HD",
        "LĐLĐ",
        date(2021, 11, 10),
        "Hướng dẫn công đoàn cơ sở tổ chức đối thoại tại nơi làm việc và thương lượng tập "
        "thể trong doanh nghiệp",
        "về đối thoại và thương lượng tập thể",
        (CHINH_SACH,),
        "pho-chu-tich",
        extras=("Mẫu biên bản đối thoại tại nơi làm việc.docx",),
    ),
    # --- 2022 ----------------------------------------------------------------------------
    Doc(
        "125/HD-LĐLĐ",
        "HD",
        "LĐLĐ",
        date(2022, 2, 14),
        "Hướng dẫn thu, nộp, quản lý kinh phí công đoàn và đoàn phí công đoàn trong các "
        "cơ quan, đơn vị, doanh nghiệp trên địa bàn tỉnh",
        "về thu nộp kinh phí công đoàn và đoàn phí",
        (TAI_CHINH,),
        "pho-thuong-truc",
        effective=15,
        extras=("Phụ lục mẫu đối chiếu kinh phí công đoàn.docx",),
    ),
    Doc(
        "47/HD-TLĐ",
        "HD",
        "TLĐ",
        date(2022, 6, 20),
        "Hướng dẫn tổ chức đại hội công đoàn các cấp tiến tới Đại hội XIII Công đoàn Việt "
        "Nam, nhiệm kỳ 2023–2028",
        "tổ chức đại hội công đoàn các cấp nhiệm kỳ 2023-2028",
        (TO_CHUC,),
        "tld-1",
    ),
    Doc(
        "5440/QĐ-TLĐ",
        "QĐ",
        "TLĐ",
        date(2022, 9, 28),
        "Ban hành Quy định về chế độ thăm hỏi, trợ cấp đối với đoàn viên công đoàn gặp khó "
        "khăn, hoạn nạn",
        "quy định thăm hỏi, trợ cấp đoàn viên",
        (CHINH_SACH, TAI_CHINH),
        "tld-1",
        effective=3,
    ),
    Doc(
        "65/HD-TLĐ",
        "HD",
        "TLĐ",
        date(2022, 10, 10),
        "Hướng dẫn lập và giao dự toán thu, chi tài chính công đoàn năm 2023 đối với công "
        "đoàn cấp trên trực tiếp cơ sở",
        "dự toán tài chính công đoàn năm 2023",
        (TAI_CHINH,),
        "tld-2",
        expires=date(2024, 1, 1),
        extras=("Biểu mẫu dự toán thu, chi tài chính công đoàn năm 2023.docx",),
    ),
    Doc(
        "40/KH-LĐLĐ",
        "KH",
        "LĐLĐ",
        date(2022, 11, 7),
        "Tổ chức đại hội công đoàn cơ sở và Đại hội Công đoàn tỉnh Điện Biên lần thứ XII, "
        "nhiệm kỳ 2023–2028",
        "tổ chức Đại hội Công đoàn tỉnh lần thứ XII",
        (TO_CHUC,),
        "chu-tich",
        expires=date(2024, 1, 1),
        related=("47/HD-TLĐ",),
    ),
    # --- 2023 ----------------------------------------------------------------------------
    Doc(
        "15-CT/TU",
        "CT",
        "TU",
        date(2023, 1, 9),
        "Về lãnh đạo đại hội công đoàn các cấp tiến tới Đại hội Công đoàn tỉnh Điện Biên "
        "lần thứ XII, nhiệm kỳ 2023–2028",
        "về lãnh đạo đại hội công đoàn các cấp",
        (TO_CHUC,),
        "tinh-uy",
        related=("40/KH-LĐLĐ", "08-NQ/TU"),
    ),
    Doc(
        "92/CT-UBND",
        "CT",
        "UBND",
        date(2023, 3, 20),
        "Về tăng cường công tác thu, nộp kinh phí công đoàn của các cơ quan, tổ chức, doanh "
        "nghiệp trên địa bàn tỉnh",
        "về kinh phí công đoàn",
        (TAI_CHINH,),
        "ubnd-pho",
        related=("125/HD-LĐLĐ",),
    ),
    Doc(
        "19/KH-LĐLĐ",
        "KH",
        "LĐLĐ",
        date(2023, 4, 10),
        "Triển khai Chương trình “Mái ấm Công đoàn” hỗ trợ đoàn viên khó khăn về nhà ở giai "
        "đoạn 2023–2025",
        "Chương trình Mái ấm Công đoàn 2023-2025",
        (CHINH_SACH, TAI_CHINH),
        "chu-tich",
        expires=date(2026, 1, 1),
    ),
    Doc(
        "5690/QĐ-TLĐ",
        "QĐ",
        "TLĐ",
        date(2023, 5, 16),
        "Ban hành Quy chế khen thưởng của tổ chức Công đoàn, thay thế Quy chế ban hành kèm "
        "theo Quyết định số 2156/QĐ-TLĐ",
        "ban hành Quy chế khen thưởng mới",
        (THI_DUA,),
        "tld-1",
        effective=46,
        extras=("Phụ lục mẫu hồ sơ đề nghị khen thưởng.docx",),
        replaces=("2156/QĐ-TLĐ",),
    ),
    Doc(
        "312/QĐ-LĐLĐ",
        "QĐ",
        "LĐLĐ",
        date(2023, 10, 20),
        "Về việc phân công nhiệm vụ các đồng chí Ủy viên Ban Thường vụ Liên đoàn Lao động "
        "tỉnh khóa XII, nhiệm kỳ 2023–2028",
        "phân công nhiệm vụ Ban Thường vụ khóa XII",
        (TO_CHUC,),
        "chu-tich",
    ),
    Doc(
        "02/NQ-BTV",
        "NQ",
        "BTV",
        date(2023, 11, 15),
        "Về đổi mới nội dung, phương thức hoạt động của công đoàn cơ sở, thực hiện Nghị "
        "quyết Đại hội Công đoàn tỉnh lần thứ XII",
        "đổi mới hoạt động công đoàn cơ sở",
        (TO_CHUC, TUYEN_GIAO),
        "chu-tich",
    ),
    # --- 2024 ----------------------------------------------------------------------------
    Doc(
        "07/CT-UBND",
        "CT",
        "UBND",
        date(2024, 2, 26),
        "Về đẩy mạnh phát triển đoàn viên, thành lập công đoàn cơ sở và xây dựng quan hệ lao "
        "động hài hòa, ổn định, tiến bộ trong doanh nghiệp",
        "về phát triển đoàn viên và quan hệ lao động hài hòa",
        (TO_CHUC, CHINH_SACH),
        "ubnd-chu-tich",
        replaces=("18/CT-UBND",),
    ),
    Doc(
        "14/KH-LĐLĐ",
        "KH",
        "LĐLĐ",
        date(2024, 3, 25),
        "Tổ chức Tháng Công nhân và Tháng hành động về an toàn, vệ sinh lao động năm 2024",
        "Tháng Công nhân năm 2024",
        (TUYEN_GIAO, CHINH_SACH),
        "pho-thuong-truc",
        expires=date(2024, 6, 1),
    ),
    Doc(
        "28/HD-LĐLĐ",
        "HD",
        "LĐLĐ",
        date(2024, 5, 6),
        "Hướng dẫn hoạt động nữ công và thực hiện bình đẳng giới trong các cấp công đoàn",
        "hoạt động nữ công và bình đẳng giới",
        (NU_CONG,),
        "pho-thuong-truc",
        related=("35/HD-LĐLĐ",),
    ),
    Doc(
        "1640/TLĐ",
        "CV",
        "TLĐ",
        date(2024, 8, 12),
        "V/v tuyên truyền, phổ biến Luật Công đoàn năm 2024 trong đoàn viên, người lao động",
        "tuyên truyền Luật Công đoàn năm 2024",
        (TUYEN_GIAO, CHINH_SACH),
        "tld-2",
        effective=None,
    ),
    Doc(
        "45/KH-LĐLĐ",
        "KH",
        "LĐLĐ",
        date(2024, 9, 3),
        "Tuyên truyền, phổ biến và triển khai thi hành Luật Công đoàn năm 2024 trong các cấp "
        "công đoàn tỉnh",
        "triển khai Luật Công đoàn năm 2024",
        (TUYEN_GIAO, CHINH_SACH),
        "pho-chu-tich",
        related=("1640/TLĐ",),
    ),
    Doc(
        "52/KH-LĐLĐ",
        "KH",
        "LĐLĐ",
        date(2024, 11, 25),
        "Tổ chức chương trình “Tết Sum vầy – Xuân 2025” và các hoạt động chăm lo Tết cho "
        "đoàn viên, người lao động",
        "Tết Sum vầy Xuân 2025",
        (CHINH_SACH, TAI_CHINH),
        "chu-tich",
        expires=date(2025, 3, 1),
        extras=("Mẫu danh sách đoàn viên nhận quà Tết Sum vầy 2025.docx",),
    ),
    Doc(
        "560/BC-LĐLĐ",
        "BC",
        "LĐLĐ",
        date(2024, 12, 20),
        "Kết quả hoạt động công đoàn năm 2024; phương hướng, nhiệm vụ trọng tâm năm 2025",
        "kết quả hoạt động công đoàn năm 2024",
        (TO_CHUC, THI_DUA),
        "chu-tich",
        effective=None,
    ),
    Doc(
        "2435/QĐ-UBND",
        "QĐ",
        "UBND",
        date(2024, 12, 27),
        "Về việc tặng Cờ thi đua và Bằng khen cho các tập thể, cá nhân có thành tích xuất sắc "
        "trong phong trào thi đua công nhân, viên chức, lao động năm 2024",
        "tặng Cờ thi đua và Bằng khen năm 2024",
        (THI_DUA,),
        "ubnd-pho",
    ),
    # --- 2025 ----------------------------------------------------------------------------
    Doc(
        "03/KH-LĐLĐ",
        "KH",
        "LĐLĐ",
        date(2025, 3, 14),
        "Sắp xếp, tinh gọn tổ chức bộ máy công đoàn các cấp trong tỉnh",
        "sắp xếp tổ chức bộ máy công đoàn",
        (TO_CHUC,),
        "chu-tich",
    ),
    Doc(
        "2210/QĐ-TLĐ",
        "QĐ",
        "TLĐ",
        date(2025, 6, 24),
        "Ban hành Quy định về đoàn phí công đoàn theo Luật Công đoàn năm 2024",
        "quy định về đoàn phí công đoàn",
        (TAI_CHINH,),
        "tld-1",
        effective=7,
    ),
    Doc(
        "21/KH-LĐLĐ",
        "KH",
        "LĐLĐ",
        date(2025, 6, 26),
        "Kết thúc hoạt động Liên đoàn Lao động các huyện, thị xã, thành phố và thành lập "
        "công đoàn xã, phường theo đơn vị hành chính mới",
        "thành lập công đoàn xã, phường",
        (TO_CHUC,),
        "chu-tich",
        effective=5,
        extras=("Phụ lục danh sách công đoàn xã, phường thành lập mới.docx",),
        replaces=("03/KH-LĐLĐ",),
    ),
    Doc(
        "86/HD-LĐLĐ",
        "HD",
        "LĐLĐ",
        date(2025, 7, 15),
        "Hướng dẫn thu, nộp kinh phí công đoàn và đoàn phí công đoàn theo Luật Công đoàn "
        "năm 2024, mức đoàn phí 0,5% tiền lương",
        "về kinh phí công đoàn và đoàn phí theo Luật Công đoàn 2024",
        (TAI_CHINH,),
        "pho-thuong-truc",
        effective=17,
        extras=("Phụ lục mức đóng đoàn phí công đoàn theo khu vực.docx",),
        replaces=("125/HD-LĐLĐ",),
        related=("92/CT-UBND", "2210/QĐ-TLĐ"),
    ),
    Doc(
        "25/TB-LĐLĐ",
        "TB",
        "LĐLĐ",
        date(2025, 8, 4),
        "Kết luận kiểm tra việc quản lý, sử dụng tài chính công đoàn tại một số công đoàn "
        "cơ sở năm 2025",
        "kết luận kiểm tra tài chính công đoàn năm 2025",
        (TAI_CHINH,),
        "pho-thuong-truc",
        effective=None,
        public=False,
    ),
    Doc(
        "120-KH/TU",
        "KH",
        "TU",
        date(2025, 9, 18),
        "Tiếp tục đổi mới tổ chức và hoạt động của Công đoàn, phát huy vai trò đại diện, "
        "chăm lo, bảo vệ quyền lợi của đoàn viên, người lao động trong tình hình mới",
        "về đổi mới tổ chức và hoạt động Công đoàn",
        (TO_CHUC, TUYEN_GIAO),
        "tinh-uy",
        related=("02/NQ-BTV",),
    ),
    # --- 2026 ----------------------------------------------------------------------------
    Doc(
        "05/NQ-BTV",
        "NQ",
        "BTV",
        date(2026, 1, 12),
        "Về giao dự toán thu, chi tài chính công đoàn năm 2026 cho các công đoàn cấp trên "
        "trực tiếp cơ sở",
        "giao dự toán tài chính công đoàn năm 2026",
        (TAI_CHINH,),
        "chu-tich",
        extras=("Phụ lục dự toán thu, chi tài chính công đoàn năm 2026.docx",),
    ),
    Doc(
        "12/KH-LĐLĐ",
        "KH",
        "LĐLĐ",
        date(2026, 3, 27),
        "Tổ chức Tháng Công nhân và Tháng hành động về an toàn, vệ sinh lao động năm 2026",
        "Tháng Công nhân năm 2026",
        (TUYEN_GIAO, CHINH_SACH),
        "pho-thuong-truc",
        expires=date(2026, 6, 1),
    ),
    Doc(
        "215/BC-LĐLĐ",
        "BC",
        "LĐLĐ",
        date(2026, 7, 10),
        "Sơ kết hoạt động công đoàn 6 tháng đầu năm 2026; nhiệm vụ trọng tâm 6 tháng cuối năm",
        "sơ kết 6 tháng đầu năm 2026",
        (TO_CHUC,),
        "chu-tich",
        effective=None,
        word=True,
    ),
    # Dated from today: the newest, and the two not yet in force.
    Doc(
        "9875/QĐ-TLĐ",
        "QĐ",
        "TLĐ",
        24,
        "Ban hành Quy định chế độ phụ cấp trách nhiệm đối với cán bộ công đoàn cơ sở",
        "phụ cấp trách nhiệm cán bộ công đoàn cơ sở",
        (CHINH_SACH, TAI_CHINH),
        "tld-2",
        effective=55,
    ),
    Doc(
        "188/QĐ-LĐLĐ",
        "QĐ",
        "LĐLĐ",
        15,
        "Ban hành Quy chế quản lý, sử dụng Quỹ xã hội “Mái ấm Công đoàn” tỉnh Điện Biên",
        "Quy chế Quỹ Mái ấm Công đoàn",
        (CHINH_SACH, TAI_CHINH),
        "chu-tich",
        effective=45,
        related=("19/KH-LĐLĐ",),
    ),
    Doc(
        "1458/LĐLĐ",
        "CV",
        "LĐLĐ",
        9,
        "V/v rà soát, đề xuất hỗ trợ xây dựng, sửa chữa nhà “Mái ấm Công đoàn” cho đoàn viên "
        "khó khăn về nhà ở",
        "rà soát đề xuất hỗ trợ Mái ấm Công đoàn",
        (CHINH_SACH,),
        "pho-chu-tich",
        effective=None,
        extras=("Mẫu đề xuất hỗ trợ Mái ấm Công đoàn.docx",),
        related=("188/QĐ-LĐLĐ",),
    ),
    Doc(
        "96/TB-LĐLĐ",
        "TB",
        "LĐLĐ",
        4,
        "Lịch tiếp đoàn viên, người lao động của Thường trực Liên đoàn Lao động tỉnh",
        "lịch tiếp đoàn viên, người lao động",
        (TO_CHUC, CHINH_SACH),
        "chu-tich",
        effective=None,
    ),
)


def file_names(doc: Doc, type_name: str) -> tuple[str, ...]:
    """ "Chỉ thị 92-CT-UBND về kinh phí công đoàn.pdf", then the extras."""
    main = f"{type_name} {doc.number.replace('/', '-')} {doc.title}"
    return (main + (".docx" if doc.word else ".pdf"), *doc.extras)


# ---------------------------------------------------------------------------------------
# The text of a document, as its file shows it.

NATIONAL_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc")
PARTY_NAME = ("ĐẢNG CỘNG SẢN VIỆT NAM",)

BODY = {
    "CT": (
        "Thời gian qua, các cấp, các ngành và tổ chức công đoàn trong tỉnh đã có nhiều cố "
        "gắng, song kết quả còn chưa đồng đều giữa các địa bàn và khu vực doanh nghiệp.",
        "Để khắc phục những hạn chế nêu trên, yêu cầu thủ trưởng các cơ quan, đơn vị, người "
        "sử dụng lao động và các cấp công đoàn quán triệt, thực hiện nghiêm các nhiệm vụ sau:",
        "1. Tăng cường công tác tuyên truyền, nâng cao nhận thức về trách nhiệm của từng cơ "
        "quan, đơn vị, doanh nghiệp.",
        "2. Phối hợp chặt chẽ giữa cơ quan nhà nước và tổ chức công đoàn; định kỳ kiểm tra, "
        "đôn đốc, báo cáo kết quả thực hiện.",
    ),
    "NQ": (
        "Trên cơ sở đánh giá kết quả thực hiện nhiệm vụ thời gian qua, hội nghị thống nhất "
        "quyết nghị các nội dung chủ yếu sau:",
        "1. Mục tiêu: nâng cao chất lượng hoạt động của tổ chức công đoàn, chăm lo thiết "
        "thực cho đoàn viên, người lao động.",
        "2. Nhiệm vụ, giải pháp: đổi mới phương thức lãnh đạo, chỉ đạo; tăng cường kiểm tra, "
        "giám sát; phát huy vai trò của cán bộ công đoàn cơ sở.",
        "3. Tổ chức thực hiện: các cấp công đoàn xây dựng chương trình, kế hoạch cụ thể và "
        "báo cáo kết quả theo định kỳ.",
    ),
    "QĐ": (
        "Điều 1. Ban hành kèm theo Quyết định này nội dung nêu trên.",
        "Điều 2. Quyết định có hiệu lực kể từ ngày {effective}.",
        "Điều 3. Các ban, đơn vị và cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.",
    ),
    "HD": (
        "Căn cứ Luật Công đoàn và Điều lệ Công đoàn Việt Nam, hướng dẫn các cấp công đoàn "
        "thực hiện như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG THỰC HIỆN",
        "III. TỔ CHỨC THỰC HIỆN",
        "Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị phản ánh về Văn phòng để "
        "được hướng dẫn.",
    ),
    "KH": (
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Cụ thể hóa các nhiệm vụ trọng tâm, bảo đảm thiết thực, hiệu quả, đúng đối tượng, "
        "phù hợp với điều kiện của từng địa bàn, đơn vị.",
        "II. NỘI DUNG, THỜI GIAN THỰC HIỆN",
        "III. KINH PHÍ THỰC HIỆN",
        "IV. TỔ CHỨC THỰC HIỆN",
    ),
    "CV": (
        "Kính gửi: Các công đoàn cấp trên trực tiếp cơ sở; các công đoàn cơ sở trực thuộc.",
        "Đề nghị các đơn vị triển khai thực hiện nội dung trên, tổng hợp và báo cáo kết quả "
        "đúng thời gian quy định.",
    ),
    "TB": (
        "Đề nghị các đơn vị, cá nhân có liên quan biết và thực hiện.",
        "Thông tin chi tiết liên hệ Văn phòng, điện thoại 0215 3825 168.",
    ),
    "BC": (
        "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
        "Các cấp công đoàn trong tỉnh đã bám sát chương trình công tác, hoàn thành cơ bản "
        "các chỉ tiêu đề ra.",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
    ),
}


@dataclass(frozen=True)
class Page:
    """Everything a demo file shows, resolved from the specs (hashable, for the cache)."""

    header: tuple[str, ...]
    right: tuple[str, ...]
    number: str
    dated: str
    heading: str  # "CHỈ THỊ", or "" for a letter (the summary goes under the number)
    summary: str
    body: tuple[str, ...]
    capacity: tuple[str, ...]
    signer: str
    appendix: str = ""  # the title of an appendix or form; "" for the document itself


def _vi_date(day: date) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def _page(doc: Doc, issued: date, effective: date | None, type_name: str) -> Page:
    issuer = ISSUERS[doc.issuer]
    signer = SIGNERS[doc.signer]
    body = tuple(
        line.format(effective=f"{(effective or issued):%d/%m/%Y}") for line in BODY[doc.type]
    )
    return Page(
        header=issuer.header,
        right=PARTY_NAME if issuer.party else NATIONAL_MOTTO,
        number=doc.number,
        dated=f"{issuer.place}, {_vi_date(issued)}",
        heading="" if doc.type == "CV" else type_name.upper(),
        summary=doc.summary,
        body=body,
        capacity=signer.capacity,
        signer=signer.name,
    )


def _appendix(page: Page, name: str, type_name: str, issued: date) -> Page:
    title = Path(name).stem
    return Page(
        header=page.header,
        right=page.right,
        number=page.number,
        dated=page.dated,
        heading=title.upper(),
        summary=(
            f"(Kèm theo {type_name} số {page.number} ngày {issued:%d/%m/%Y})"
            if page.heading
            else f"(Kèm theo văn bản số {page.number} ngày {issued:%d/%m/%Y})"
        ),
        body=(),
        capacity=(),
        signer="",
        appendix=title,
    )


APPENDIX_COLUMNS = ("STT", "Đơn vị / Họ và tên", "Nội dung", "Số lượng", "Ghi chú")

# ---------------------------------------------------------------------------------------
# Files: a PDF scan drawn with Pillow, a Word file zipped by hand.

A4 = (827, 1169)  # pixels at 100 dpi
MARGIN = 72

_FONT_FILES = {
    "regular": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "DejaVuSerif.ttf",
    ),
    "bold": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
        "/usr/share/fonts/dejavu/DejaVuSerif-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
        "DejaVuSerif-Bold.ttf",
    ),
    "italic": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf",
        "/usr/share/fonts/dejavu/DejaVuSerif-Italic.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Oblique.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerif-Italic.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf",
        "DejaVuSerif-Italic.ttf",
    ),
}


@functools.lru_cache(maxsize=32)
def _font(style: str, size: int):
    """A TrueType font with Vietnamese letters; Pillow's own font when none is installed."""
    for name in _FONT_FILES[style]:
        if "/" in name and not Path(name).exists():
            continue
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _centred(draw, text: str, centre: float, y: float, font) -> float:
    """Draw one line centred on `centre`; return its width."""
    width = draw.textlength(text, font=font)
    draw.text((centre - width / 2, y), text, font=font, fill=0)
    return width


@functools.lru_cache(maxsize=128)
def pdf_bytes(page: Page) -> bytes:
    """A one-page A4 PDF of the page, drawn as a bilevel scan (a few kilobytes).

    Kept in memory: loading the demo again in the same process (the test suite does)
    does not draw the files again.
    """
    buffer = io.BytesIO()
    draw_page(page).save(buffer, "PDF", resolution=100, title=page.appendix or page.number)
    return buffer.getvalue()


def draw_page(page: Page) -> Image.Image:
    """The page as a black-and-white A4 image at 100 dpi, like a clerk's scan."""
    image = Image.new("1", A4, 1)
    draw = ImageDraw.Draw(image)
    regular, bold, italic = _font("regular", 15), _font("bold", 15), _font("italic", 15)
    small_bold = _font("bold", 14)
    width = A4[0]
    left_centre, right_centre = MARGIN + 150, width - MARGIN - 190

    # The heading: the issuing body on the left, the motto (or the Party) on the right.
    y = 56
    _centred(draw, page.header[0], left_centre, y, regular)
    line = _centred(draw, page.header[1], left_centre, y + 22, small_bold)
    draw.line((left_centre - line / 3, y + 44, left_centre + line / 3, y + 44), fill=0)
    for index, text in enumerate(page.right):
        line = _centred(draw, text, right_centre, y + 22 * index, small_bold)
    under = y + 22 * len(page.right) + 1
    draw.line((right_centre - line / 2, under, right_centre + line / 2, under), fill=0)
    y = 128
    _centred(draw, f"Số: {page.number}", left_centre, y, regular)
    _centred(draw, page.dated, right_centre, y, italic)
    y += 34

    if page.heading:
        y += 16
        for text in _wrap(draw, page.heading, _font("bold", 19), width - 2 * MARGIN):
            _centred(draw, text, width / 2, y, _font("bold", 19))
            y += 28
        for text in _wrap(draw, page.summary, bold, width - 2 * MARGIN - 80):
            _centred(draw, text, width / 2, y, bold if not page.appendix else italic)
            y += 23
        y += 26
    else:
        # A letter: the summary ("V/v …") sits under its number, in small type.
        for text in _wrap(draw, page.summary, _font("regular", 13), 300):
            _centred(draw, text, left_centre, y, _font("regular", 13))
            y += 19
        y += 30

    for paragraph in page.body:
        for index, text in enumerate(_wrap(draw, paragraph, regular, width - 2 * MARGIN - 30)):
            draw.text((MARGIN + (30 if index == 0 else 0), y), text, font=regular, fill=0)
            y += 23
        y += 8

    if page.appendix:
        _table(draw, y, regular, bold)
    else:
        y = max(y + 30, 760)
        draw.text((MARGIN, y), "Nơi nhận:", font=_font("bold", 13), fill=0)
        for index, text in enumerate(("- Như trên;", "- Thường trực;", "- Lưu: VT.")):
            draw.text((MARGIN, y + 22 + 19 * index), text, font=_font("regular", 13), fill=0)
        for index, text in enumerate(page.capacity):
            _centred(draw, text, right_centre, y + 22 * index, small_bold)
        _centred(draw, page.signer, right_centre, y + 22 * len(page.capacity) + 110, bold)
    return image


def _table(draw, top: int, regular, bold) -> None:
    """An empty form: the columns of a list units fill in."""
    widths = (50, 250, 200, 80, 103)
    rows, height = 12, 30
    x = MARGIN
    for column, cell in zip(APPENDIX_COLUMNS, widths, strict=True):
        draw.rectangle((x, top, x + cell, top + height * (rows + 1)), outline=0)
        draw.text((x + 6, top + 6), column, font=_font("bold", 13), fill=0)
        x += cell
    for row in range(1, rows + 1):
        y = top + height * row
        draw.line((MARGIN, y, x, y), fill=0)
        draw.text((MARGIN + 14, y + 7), str(row), font=_font("regular", 13), fill=0)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
)
_RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/>'
    '<Relationship Id="rId2" Target="docProps/core.xml" Type="http://schemas.openxmlformats.org/'
    'package/2006/relationships/metadata/core-properties"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraph(text: str, *, bold=False, italic=False, centre=False, size: int = 26) -> str:
    properties = "".join(
        (
            "<w:b/>" if bold else "",
            "<w:i/>" if italic else "",
            f'<w:sz w:val="{size}"/>',
        )
    )
    alignment = '<w:pPr><w:jc w:val="center"/></w:pPr>' if centre else ""
    return (
        f"<w:p>{alignment}<w:r><w:rPr>{properties}</w:rPr>"
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
    )


def _word_table() -> str:
    widths = (700, 2800, 2600, 1200, 1500)
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(
        border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)

    def row(cells, bold=False):
        return (
            "<w:tr>"
            + "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                + _paragraph(cell, bold=bold, size=24)
                + "</w:tc>"
                for cell, width in zip(cells, widths, strict=True)
            )
            + "</w:tr>"
        )

    rows = [row(APPENDIX_COLUMNS, bold=True)]
    rows += [row((str(number), "", "", "", "")) for number in range(1, 6)]
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}'
        f"</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


@functools.lru_cache(maxsize=64)
def docx_bytes(page: Page, issued: date) -> bytes:
    """A Word file of the page: a minimal Office Open XML package, the same bytes each time."""
    parts = [
        _paragraph(page.header[0], centre=True),
        _paragraph(page.header[1], bold=True, centre=True),
        *(_paragraph(text, bold=True, centre=True) for text in page.right),
        _paragraph(f"Số: {page.number}"),
        _paragraph(page.dated, italic=True),
    ]
    if page.heading:
        parts.append(_paragraph(page.heading, bold=True, centre=True, size=30))
        appendix = bool(page.appendix)
        parts.append(_paragraph(page.summary, bold=not appendix, italic=appendix, centre=True))
    else:
        parts.append(_paragraph(page.summary, size=24))
    parts += [_paragraph(text) for text in page.body]
    if page.appendix:
        parts.append(_word_table())
        parts.append(_paragraph(""))
    else:
        parts.append(_paragraph("Nơi nhận: Như trên; Lưu: VT.", size=22))
        parts += [_paragraph(text, bold=True, centre=True) for text in page.capacity]
        parts.append(_paragraph(page.signer, bold=True, centre=True))
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}">'
        f'<w:body>{"".join(parts)}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="720" '
        'w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>'
    )
    moment = f"{issued:%Y-%m-%d}T08:00:00Z"
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(page.appendix or page.number)}</dc:title>"
        f"<dc:creator>Văn phòng</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
        "</cp:coreProperties>"
    )
    buffer = io.BytesIO()
    stamp = (issued.year, issued.month, issued.day, 8, 0, 0)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _RELATIONSHIPS),
            ("word/document.xml", document),
            ("docProps/core.xml", core),
        ):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, text)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------
# Loading.

ADMINISTRATOR = "quantri"


def seed_documents(stdout, *, logins: bool = True, **options) -> None:
    today = timezone.localdate()
    clerk = _demo_user(ADMINISTRATOR) if logins else None
    types = _seed_types()
    issuers = _seed_issuers()
    fields = _seed_fields()
    signers = _seed_signers()

    documents, created, skipped = {}, 0, []
    for doc in DOCUMENTS:
        issuer = issuers[doc.issuer]
        document = Document.objects.filter(issuer=issuer, number_key=number_key(doc.number))
        document = document.first()
        if document is not None and not is_demo(document):
            skipped.append(doc.number)
            continue
        issued = _issued(doc, today)
        effective = issued + timedelta(days=doc.effective) if doc.effective is not None else None
        is_new = document is None
        if is_new:
            document = Document(
                number=doc.number,
                summary=doc.summary,
                type=types[doc.type],
                issuer=issuer,
                signer=signers[doc.signer],
                issued_on=issued,
                effective_on=effective,
                expires_on=doc.expires,
                is_public=doc.public,
                posted_at=_posting_time(doc, issued),
            )
            services.save_document(document=document, user=clerk)
            document.fields.set([fields[key] for key in doc.fields])
            created += 1
        remember(document)
        documents[doc.number] = document
        type_name = types[doc.type].name
        page = _page(doc, document.issued_on, document.effective_on, type_name)
        _seed_files(document, doc, page, type_name)
        if is_new:
            _seed_counters(document, doc, today)

    for doc in DOCUMENTS:
        if doc.number not in documents:
            continue
        document = documents[doc.number]
        # add(), never set(): "related" is symmetrical, and set() on one document would
        # drop the links other documents made to it.
        document.replaces.add(*(documents[n] for n in doc.replaces if n in documents))
        document.related.add(*(documents[n] for n in doc.related if n in documents))

    for number in skipped:
        stdout.write(
            f"Skipped the demo document {number}: a document that is not demo content has "
            "that number."
        )
    _report(stdout, documents, created, types, issuers, fields, signers, today)


def _issued(doc: Doc, today: date) -> date:
    return today - timedelta(days=doc.issued) if isinstance(doc.issued, int) else doc.issued


def _posting_time(doc: Doc, issued: date) -> datetime:
    """A working hour one to five days after the issue date, never in the future."""
    rng = random.Random(f"dang:{doc.number}")
    day = issued + timedelta(days=rng.randint(1, 5))
    moment = timezone.make_aware(
        datetime.combine(day, time(rng.randint(7, 16), rng.randint(0, 59)))
    )
    return min(moment, timezone.now() - timedelta(hours=1))


def _seed_files(document: Document, doc: Doc, page: Page, type_name: str) -> None:
    """Attach the files the document lacks, found by name."""
    have = set(document.files.values_list("original_name", flat=True))
    for order, name in enumerate(file_names(doc, type_name)):
        if name in have:
            continue
        shown = page if order == 0 else _appendix(page, name, type_name, document.issued_on)
        content = (
            docx_bytes(shown, document.issued_on) if name.endswith(".docx") else pdf_bytes(shown)
        )
        if DocumentFile.objects.filter(checksum=hashlib.sha256(content).hexdigest()).exists():
            continue  # the same bytes are already in the library
        upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
        remember(services.attach_file(document=document, upload=upload, order=order))


def _seed_counters(document: Document, doc: Doc, today: date) -> None:
    """Views and downloads a document of its age might have; none for a private one."""
    if not document.is_public:
        return
    rng = random.Random(f"luot:{doc.number}")
    age = max((today - timezone.localtime(document.posted_at).date()).days, 1)
    views = int(min(age, 700) * rng.uniform(0.6, 2.4)) + rng.randint(12, 90)
    files = list(document.files.order_by("order", "pk"))
    downloads = []
    for index, _file in enumerate(files):
        share = rng.uniform(0.22, 0.45) if index == 0 else rng.uniform(0.05, 0.15)
        downloads.append(int(views * share))
    for document_file, count in zip(files, downloads, strict=True):
        DocumentFile.objects.filter(pk=document_file.pk).update(downloads=count)
    Document.objects.filter(pk=document.pk).update(views=views, downloads=sum(downloads))
    document.views, document.downloads = views, sum(downloads)


def _report(stdout, documents, created, types, issuers, fields, signers, today) -> None:
    seeded = Document.objects.filter(pk__in=[d.pk for d in documents.values()])
    by_status = Counter(seeded.with_status(today).values_list("status", flat=True))
    files = DocumentFile.objects.filter(document__in=seeded)
    stdout.write(
        f"Documents: {len(types)} types, {len(issuers)} issuing bodies, {len(fields)} fields, "
        f"{len(signers)} signers, {len(documents)} documents ({created} new; "
        f"{by_status.get(Status.IN_FORCE, 0)} in force, {by_status.get(Status.PENDING, 0)} "
        f"not yet in force, {by_status.get(Status.EXPIRED, 0)} expired, "
        f"{by_status.get(Status.REPLACED, 0)} replaced; "
        f"{seeded.filter(is_public=False).count()} not public), {files.count()} files "
        f"({files.filter(kind='pdf').count()} PDF, {files.filter(kind='docx').count()} Word)."
    )


# --- Classifications: found by name; a row staff made is used but never changed or claimed.


def _claim(model, lookup: dict, defaults: dict):
    row = model.objects.filter(**lookup).first()
    if row is None:
        row = model(**lookup, **defaults)
        row.full_clean()
        row.save()
        return remember(row)
    if is_demo(row):
        changed = False
        for name, value in defaults.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
                changed = True
        if changed:
            row.full_clean()
            row.save()
    return row


def _seed_types() -> dict[str, DocumentType]:
    return {
        abbreviation: _claim(
            DocumentType, {"name": name}, {"abbreviation": abbreviation, "order": order}
        )
        for order, (name, abbreviation) in enumerate(TYPES, start=1)
    }


def _seed_issuers() -> dict[str, Issuer]:
    return {
        key: _claim(
            Issuer, {"name": spec.name}, {"abbreviation": spec.abbreviation, "order": order}
        )
        for order, (key, spec) in enumerate(ISSUERS.items(), start=1)
    }


def _seed_fields() -> dict[str, Field]:
    return {
        key: _claim(Field, {"name": name}, {"order": order})
        for order, (key, name) in enumerate(FIELDS.items(), start=1)
    }


def _seed_signers() -> dict[str, Signer]:
    return {
        key: _claim(Signer, {"name": spec.name, "position": spec.position}, {})
        for key, spec in SIGNERS.items()
    }


def _demo_user(username: str):
    """The demo login, never a real account that has the name."""
    user = get_user_model().objects.filter(username=username).first()
    return user if user is not None and is_demo(user) else None
