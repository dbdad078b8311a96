"""Benchmark of the document library on generated data (issue: Documents, "Speed").

    python bench/documents.py --database-url sqlite:////tmp/bench-documents.sqlite3
    python bench/documents.py --database-url postgres://postgres@127.0.0.1/bench_documents --wrk

It fills the database with generated documents, one file each (once; it reuses them on
the next run), then times the list (unfiltered, filtered, searched), the document page
and the counted download in-process through Django's full stack with kept pages off,
and prints the median and 95th percentile. With --wrk it also serves the portal with
gunicorn (3 workers) and loads a bare "ok" view and one download with
`wrk -t2 -c50 -d20s`, alternating, and prints the requests per second and their ratio.

The files: a few hundred distinct small PDFs under PROTECTED_MEDIA_ROOT, shared by the
documents. The checksum column is unique, so each row gets the SHA-256 of its own
"bench-file-<n>" string, not of its bytes; nothing here reads the checksum back.
"""

import argparse
import hashlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as day_time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import analyze, setup_django, timed  # noqa: E402

FILES_ROOT = "/tmp/bench-documents-files"
DISTINCT_FILES = 300
FIRST_DAY = date(2000, 1, 1)
USER_AGENT = "Mozilla/5.0 bench"

WORDS = (
    "quy định hướng dẫn thực hiện kinh phí công đoàn đoàn phí đoàn viên người lao động "
    "chế độ chính sách tiền lương bảo hiểm xã hội an toàn vệ sinh lao động thỏa ước "
    "lao động tập thể tổ chức đại hội công đoàn cơ sở nhiệm kỳ ban chấp hành kiểm tra "
    "giám sát thi đua khen thưởng quỹ xã hội mái ấm công đoàn chăm lo tết sum vầy "
    "tháng công nhân nữ công bình đẳng giới quy chế dân chủ đối thoại doanh nghiệp "
    "khu công nghiệp phát triển đoàn viên tuyên truyền pháp luật năm kế hoạch triển khai"
).split()

TYPES = [
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Hướng dẫn", "HD"),
    ("Thông báo", "TB"),
    ("Kế hoạch", "KH"),
    ("Nghị quyết", "NQ"),
    ("Báo cáo", "BC"),
    ("Công văn", "CV"),
    ("Quy chế", "QC"),
    ("Thông tư", "TT"),
]
# Weights: the provincial federation files most of what it publishes.
ISSUERS = [
    ("Liên đoàn Lao động tỉnh", "LĐLĐ", 30),
    ("Ban Thường vụ Liên đoàn Lao động tỉnh", "BTV", 12),
    ("Ban Chấp hành Liên đoàn Lao động tỉnh", "BCH", 6),
    ("Tổng Liên đoàn Lao động Việt Nam", "TLĐ", 14),
    ("Đoàn Chủ tịch Tổng Liên đoàn", "ĐCT", 6),
    ("Ủy ban nhân dân tỉnh", "UBND", 10),
    ("Hội đồng nhân dân tỉnh", "HĐND", 3),
    ("Tỉnh ủy", "TU", 4),
    ("Chính phủ", "CP", 4),
    ("Quốc hội", "QH", 1),
    ("Bộ Lao động – Thương binh và Xã hội", "BLĐTBXH", 5),
    ("Bộ Tài chính", "BTC", 3),
]
FIELDS = [
    "Tài chính công đoàn",
    "Tổ chức – Cán bộ",
    "Chính sách – Pháp luật",
    "Tuyên giáo",
    "Nữ công",
    "Thi đua – Khen thưởng",
    "Kiểm tra",
    "Quan hệ lao động",
]
SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ".split()
MIDDLE = "Văn Thị Minh Thanh Quốc Hữu Ngọc Đức".split()
GIVEN = "An Bình Cường Dũng Hà Hải Hoa Hùng Lan Long Mai Nam Phúc Quang Sơn Tâm Thảo Tuấn".split()
POSITIONS = ["Chủ tịch", "Phó Chủ tịch", "Trưởng ban", "Phó Trưởng ban", "Chánh Văn phòng"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--wrk", action="store_true", help="also load gunicorn with wrk")
    parser.add_argument("--wrk-seconds", type=int, default=20)
    return parser.parse_args()


def sentence(rng: random.Random, length: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(length))
    return text[0].upper() + text[1:]


def pdf_bytes(index: int, size: int) -> bytes:
    """A valid one-page PDF of about `size` bytes (the page text repeated to fill it)."""
    line = f"(Van ban thu nghiem so {index} - Lien doan Lao dong tinh) Tj T* ".encode()
    text = b"BT /F1 11 Tf 14 TL 56 800 Td " + line * max(1, size // len(line)) + b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def write_files() -> list[tuple[str, int]]:
    """The shared PDFs on disk (written if missing): their storage names and sizes."""
    from django.conf import settings

    rng = random.Random(11)
    folder = Path(settings.PROTECTED_MEDIA_ROOT) / "van-ban" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for index in range(DISTINCT_FILES):
        path = folder / f"tep-{index:03d}.pdf"
        content = pdf_bytes(index, rng.randint(16, 160) * 1024)
        if not path.exists() or path.stat().st_size != len(content):
            path.write_bytes(content)
        files.append((f"van-ban/bench/{path.name}", len(content)))
    return files


def classifications():
    from documents.models import DocumentType, Field, Issuer, Signer

    types = [
        DocumentType.objects.get_or_create(
            name=name, defaults={"abbreviation": abbreviation, "order": order}
        )[0]
        for order, (name, abbreviation) in enumerate(TYPES)
    ]
    issuers = [
        Issuer.objects.get_or_create(
            name=name, defaults={"abbreviation": abbreviation, "order": order}
        )[0]
        for order, (name, abbreviation, _weight) in enumerate(ISSUERS)
    ]
    fields = [
        Field.objects.get_or_create(name=name, defaults={"order": order})[0]
        for order, name in enumerate(FIELDS)
    ]
    rng = random.Random(5)
    signers = []
    while len(signers) < 20:
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        signer, _ = Signer.objects.get_or_create(name=name, position=rng.choice(POSITIONS))
        if signer not in signers:
            signers.append(signer)
    return types, issuers, fields, signers


def generate(count: int) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models import Count
    from django.utils import timezone

    from documents.models import Document, DocumentFile, number_key
    from federation.text import search_document

    call_command("migrate", verbosity=0)
    files = write_files()
    existing = Document.objects.count()
    if existing >= count:
        print(f"Reusing {existing} documents.")
        analyze()
        return
    types, issuers, fields, signers = classifications()
    weights = [weight for _name, _abbreviation, weight in ISSUERS]
    # Numbers run on per issuer (as "125/QĐ-LĐLĐ"), so they stay unique on a second run.
    sequence = dict(
        Document.objects.values_list("issuer").annotate(n=Count("id")).values_list("issuer", "n")
    )
    rng = random.Random(2026 + existing)
    now = timezone.now()
    today = timezone.localdate(now)
    span = (today - FIRST_DAY).days
    earlier = list(Document.objects.values_list("id", "issued_on"))
    Fields = Document.fields.through
    Replaces = Document.replaces.through
    started = time.perf_counter()
    for start in range(existing, count, 2000):
        documents = []
        for _index in range(start, min(start + 2000, count)):
            kind = rng.choice(types)
            issuer = rng.choices(issuers, weights)[0]
            sequence[issuer.pk] = sequence.get(issuer.pk, 0) + 1
            number = f"{sequence[issuer.pk]}/{kind.abbreviation}-{issuer.abbreviation}"
            summary = f"{kind.name} {sentence(rng, rng.randint(12, 30)).lower()}"
            issued_on = FIRST_DAY + timedelta(days=rng.randint(0, span - 1))
            effective_on = expires_on = None
            if rng.random() < 0.7:
                effective_on = issued_on + timedelta(days=rng.choice((0, 0, 10, 15, 45)))
            if rng.random() < 0.12:
                expires_on = (effective_on or issued_on) + timedelta(days=rng.randint(180, 3000))
            posted = datetime.combine(issued_on, day_time(8)) + timedelta(
                days=rng.randint(0, 14), minutes=rng.randint(0, 600)
            )
            views = rng.randint(0, 5000)
            documents.append(
                Document(
                    number=number,
                    number_key=number_key(number),
                    issued_year=issued_on.year,
                    summary=summary,
                    search_text=search_document(number, summary),
                    type=kind,
                    issuer=issuer,
                    signer=rng.choice(signers) if rng.random() < 0.9 else None,
                    issued_on=issued_on,
                    effective_on=effective_on,
                    expires_on=expires_on,
                    is_public=rng.random() > 0.01,
                    posted_at=min(now, timezone.make_aware(posted)),
                    views=views,
                    downloads=rng.randint(0, views // 3),
                )
            )
        with transaction.atomic():
            Document.objects.bulk_create(documents)
            links, replaced, attached = [], [], []
            for document in documents:
                for field in rng.sample(fields, rng.choice((1, 1, 1, 2, 2, 3))):
                    links.append(Fields(document_id=document.pk, field_id=field.pk))
                if earlier and rng.random() < 0.03:
                    old_id, old_issued_on = rng.choice(earlier)
                    if old_issued_on < document.issued_on:
                        replaced.append(
                            Replaces(from_document_id=document.pk, to_document_id=old_id)
                        )
                name, size = rng.choice(files)
                attached.append(
                    DocumentFile(
                        document_id=document.pk,
                        file=name,
                        original_name=f"{document.number.replace('/', '-')}.pdf",
                        size=size,
                        kind="pdf",
                        content_type="application/pdf",
                        checksum=hashlib.sha256(f"bench-file-{document.pk}".encode()).hexdigest(),
                        downloads=rng.randint(0, document.downloads),
                        uploaded_at=document.posted_at,
                    )
                )
            Fields.objects.bulk_create(links)
            Replaces.objects.bulk_create(replaced)
            DocumentFile.objects.bulk_create(attached)
        earlier += [(document.pk, document.issued_on) for document in documents]
    print(
        f"Generated {count - existing} documents with their files in "
        f"{time.perf_counter() - started:.0f} s."
    )
    analyze()


def report(name: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    print(f"  {name:<28} median {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms")


def server_times(repeat: int) -> None:
    """Pages rendered for each request (kept pages off), then the list as kept."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    with override_settings(PAGE_CACHE_SECONDS=0):
        rendered_times(repeat)
    client = Client(HTTP_USER_AGENT=USER_AGENT)
    timed(client, "/van-ban/", 1)
    print(f"Kept pages (PAGE_CACHE_SECONDS), {connection.vendor}:")
    report("list (kept)", timed(client, "/van-ban/", repeat))


def rendered_times(repeat: int) -> None:
    from django.db import connection
    from django.db.models import Sum
    from django.test import Client

    from documents.models import Document, DocumentFile, DocumentType

    client = Client(HTTP_USER_AGENT=USER_AGENT)
    total = Document.objects.count()
    print(f"Server time, {connection.vendor}, {total} documents, {repeat} requests each:")
    timed(client, "/van-ban/", 3)
    report("list page 1", timed(client, "/van-ban/", repeat))
    report("list page 100", timed(client, "/van-ban/?page=100", repeat))
    kind = DocumentType.objects.get(abbreviation="QĐ")
    filtered = "/van-ban/?" + urlencode({"type": kind.pk, "year": 2019})
    report("type + year", timed(client, filtered, repeat))
    report("search number 12/qđ", timed(client, "/van-ban/?q=12%2Fq%C4%91", repeat))
    report("search kinh phi cong doan", timed(client, "/van-ban/?q=kinh+phi+cong+doan", repeat))
    report("status expired", timed(client, "/van-ban/?status=expired", repeat))
    public = Document.objects.filter(is_public=True)
    pks = list(public.order_by("?").values_list("pk", flat=True)[:repeat])
    times = []
    for pk in pks:
        times += timed(client, f"/van-ban/{pk}/", 1)
    report("document page", times)

    files = list(
        DocumentFile.objects.filter(document__is_public=True)
        .order_by("?")
        .values_list("pk", flat=True)[:repeat]
    )
    before = DocumentFile.objects.filter(pk__in=files).aggregate(n=Sum("downloads"))["n"]
    times = []
    for index, pk in enumerate(files):
        # A new visitor each time, so each download is counted (two UPDATEs).
        started = time.perf_counter()
        response = client.get(
            f"/van-ban/tep/{pk}/tai-ve/", HTTP_USER_AGENT=f"{USER_AGENT} visitor-{index}"
        )
        body = b"".join(response.streaming_content)
        response.close()
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (pk, response.status_code)
        assert body.startswith(b"%PDF"), pk
    after = DocumentFile.objects.filter(pk__in=files).aggregate(n=Sum("downloads"))["n"]
    report("download (counted)", times)
    print(f"  downloads counted: {after - before} of {len(files)}")


WRK_VISITORS = """\
-- Each request as a new visitor (its own User-Agent), so each download is counted.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  counter = 0
end
function request()
  counter = counter + 1
  return wrk.format(nil, nil, {["User-Agent"] = "Mozilla/5.0 bench " .. id .. "-" .. counter})
end
"""


def run_wrk(url: str, seconds: int, script: str | None = None) -> float:
    command = ["wrk", "-t2", "-c50", f"-d{seconds}s", url]
    command += ["-s", script] if script else ["-H", f"User-Agent: {USER_AGENT}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx or 3xx responses" in output:
        raise RuntimeError(output)
    for line in output.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    raise RuntimeError(output)


def throughput(seconds: int) -> None:
    from documents.models import DocumentFile

    document_file = DocumentFile.objects.filter(document__is_public=True).order_by(
        "-document__posted_at"
    )[10]
    env = dict(os.environ, GUNICORN_BIND="127.0.0.1:8765", WEB_CONCURRENCY="3")
    env["GUNICORN_ACCESS_LOG"] = "/dev/null"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "bench.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_VISITORS)
        script.flush()
        try:
            time.sleep(3)
            base = "http://127.0.0.1:8765"
            download = f"{base}{document_file.get_absolute_url()}"
            results = {"ok": [], "download": [], "download counted": []}
            for _round in range(2):
                results["ok"].append(run_wrk(f"{base}/bench/ok/", seconds))
                results["download"].append(run_wrk(download, seconds))
                results["ok"].append(run_wrk(f"{base}/bench/ok/", seconds))
                results["download counted"].append(run_wrk(download, seconds, script.name))
        finally:
            server.terminate()
            server.wait(timeout=30)
    bare = statistics.mean(results["ok"])
    print(f"Throughput, gunicorn 3 workers, wrk -t2 -c50 -d{seconds}s:")
    for name in ("ok", "download", "download counted"):
        rps = statistics.mean(results[name])
        print(f"  {name:<17} {rps:8.0f} req/s   ratio to bare view {rps / bare:.2f}")
    print(
        f"  (one file, {document_file.size // 1024} KB. 'download': every request from one "
        "visitor, so only the first per worker is counted (once per visitor per visit), the "
        "cost of a repeat download. 'download counted': a new User-Agent per request, so "
        "each is counted.)"
    )


def main():
    args = parse_args()
    setup_django(args.database_url, FILES_ROOT)
    generate(args.documents)
    server_times(args.requests)
    if args.wrk:
        throughput(args.wrk_seconds)


if __name__ == "__main__":
    main()
