"""Benchmark of the public news pages on generated data (issue: News, "Speed").

    python bench/news.py --database-url sqlite:////tmp/bench-news.sqlite3 --articles 100000
    python bench/news.py --database-url postgres://postgres@127.0.0.1:5432/bench_news --wrk

It fills the database with generated articles (once; it reuses them on the next run),
then times the home, category, article and search pages in-process through Django's
full stack (middleware, ORM, templates) and prints the median and 95th percentile.
With --wrk it also serves the portal with gunicorn (3 workers) and loads the home
page, an article page and a bare "ok" view with `wrk -t2 -c50 -d20s`, alternating,
and prints the requests per second and their ratios to the bare view.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import analyze, setup_django, timed  # noqa: E402

WORDS = (
    "công đoàn đoàn viên người lao động liên đoàn tỉnh cơ sở hội nghị đại hội chăm lo "
    "tết sum vầy mái ấm tháng công nhân an toàn vệ sinh lao động thỏa ước tập thể "
    "phong trào thi đua khen thưởng nữ công chính sách pháp luật tiền lương việc làm "
    "doanh nghiệp khu công nghiệp huyện xã phường nhiệm kỳ ban chấp hành tuyên truyền "
    "hỗ trợ quà tặng học bổng sức khỏe đối thoại quy chế dân chủ kinh phí đoàn phí"
).split()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--wrk", action="store_true", help="also load gunicorn with wrk")
    parser.add_argument("--wrk-seconds", type=int, default=20)
    return parser.parse_args()


def sentence(rng: random.Random, length: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(length))
    return text[0].upper() + text[1:]


def generate(count: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from federation.text import search_document, slugify_vi
    from news.models import Article, Category

    call_command("migrate", verbosity=0)
    existing = Article.objects.count()
    if existing >= count:
        print(f"Reusing {existing} articles.")
        analyze()
        return
    rng = random.Random(2026)
    tops = []
    for order, name in enumerate(
        ["Tin tức – Sự kiện", "Chính sách – Pháp luật", "Gương điển hình", "Nữ công"]
    ):
        top, _ = Category.objects.get_or_create(
            slug=slugify_vi(name), defaults={"name": name, "order": order, "show_on_home": True}
        )
        tops.append(top)
    children = []
    for top in tops:
        for suffix in ("Hoạt động công đoàn", "Cơ sở"):
            name = f"{suffix} – {top.name}"
            child, _ = Category.objects.get_or_create(
                slug=slugify_vi(name), defaults={"name": name, "parent": top}
            )
            children.append(child)
    categories = tops + children
    now = timezone.now()
    started = time.perf_counter()
    batch = []
    for number in range(existing, count):
        title = f"{sentence(rng, rng.randint(8, 14))} {number}"
        summary = sentence(rng, rng.randint(25, 40)) + "."
        body = "".join(f"<p>{sentence(rng, rng.randint(40, 80))}.</p>" for _ in range(6))
        batch.append(
            Article(
                title=title,
                slug=f"{slugify_vi(title, max_length=180)}",
                summary=summary,
                body=body,
                category=rng.choice(categories),
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(minutes=rng.randint(1, 5 * 365 * 24 * 60)),
                views=rng.randint(0, 5000),
                featured=rng.random() < 0.002,
                byline="Ban Tuyên giáo – LĐLĐ tỉnh",
                search_title=search_document(title),
                search_text=search_document(title, summary, body.replace("<p>", " ")),
            )
        )
        if len(batch) == 2000:
            Article.objects.bulk_create(batch)
            batch = []
    if batch:
        Article.objects.bulk_create(batch)
    print(f"Generated {count - existing} articles in {time.perf_counter() - started:.0f} s.")
    analyze()


def report(name: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    print(f"  {name:<28} median {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms")


def server_times(repeat: int) -> None:
    """Pages rendered for each request (kept pages off), then the home page as kept."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    with override_settings(PAGE_CACHE_SECONDS=0):
        rendered_times(repeat)
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 bench")
    timed(client, "/", 1)
    print(f"Kept pages (PAGE_CACHE_SECONDS), {connection.vendor}:")
    report("home (kept)", timed(client, "/", repeat))


def rendered_times(repeat: int) -> None:
    from django.db import connection
    from django.test import Client

    from news.models import Article, Category

    client = Client(HTTP_USER_AGENT="Mozilla/5.0 bench")
    rng = random.Random(7)
    total = Article.objects.count()
    print(f"Server time, {connection.vendor}, {total} articles, {repeat} requests each:")
    timed(client, "/", 3)
    report("home (warm)", timed(client, "/", repeat))
    category = Category.objects.filter(parent__isnull=True).first()
    report("category page 1", timed(client, category.get_absolute_url(), repeat))
    report("category page 50", timed(client, category.get_absolute_url() + "?page=50", repeat))
    slugs = list(Article.objects.order_by("?").values_list("slug", flat=True)[:repeat])
    times = []
    for slug in slugs:
        times += timed(client, f"/tin-tuc/{slug}/", 1)
    report("article", times)
    queries = ["cong doan", "Tết sum vầy", "an toan ve sinh lao dong", "hoc bong", "dai hoi"]
    times = []
    for index in range(repeat):
        query = queries[index % len(queries)]
        times += timed(client, f"/tim-kiem/?q={query}", 1)
    report("search", times)
    del rng


def run_wrk(url: str, seconds: int) -> float:
    output = subprocess.run(
        ["wrk", "-t2", "-c50", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    for line in output.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    raise RuntimeError(output)


def throughput(database_url: str, seconds: int) -> None:
    from news.models import Article

    slug = Article.objects.order_by("-published_at").values_list("slug", flat=True)[100]
    env = dict(os.environ, GUNICORN_BIND="127.0.0.1:8765", WEB_CONCURRENCY="3")
    env["GUNICORN_ACCESS_LOG"] = "/dev/null"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "bench.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(3)
        base = "http://127.0.0.1:8765"
        results = {"ok": [], "home": [], "article": []}
        for _round in range(2):
            results["ok"].append(run_wrk(f"{base}/bench/ok/", seconds))
            results["home"].append(run_wrk(f"{base}/", seconds))
            results["ok"].append(run_wrk(f"{base}/bench/ok/", seconds))
            results["article"].append(run_wrk(f"{base}/tin-tuc/{slug}/", seconds))
        bare = statistics.mean(results["ok"])
        print(f"Throughput, gunicorn 3 workers, wrk -t2 -c50 -d{seconds}s:")
        for name in ("ok", "home", "article"):
            rps = statistics.mean(results[name])
            print(f"  {name:<10} {rps:8.0f} req/s   ratio to bare view {rps / bare:.2f}")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    args = parse_args()
    setup_django(args.database_url)
    generate(args.articles)
    server_times(args.requests)
    if args.wrk:
        throughput(args.database_url, args.wrk_seconds)


if __name__ == "__main__":
    main()
