"""Demo content of "Giới thiệu": pages, the leadership's portraits, the office's
departments, three weeks of schedule, links and banners.

The content is data beside this loader (about/demo/*.yaml); pictures are drawn by
about/demo/pictures.py. Rows go through the services where there is one (save_page,
install_leadership, save_week) and are remembered as demo content; they are looked up by
natural keys (slugs, names, Mondays, addresses), so running the step again adds nothing.
"""

import datetime
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from about import services
from about.demo.pictures import draw_banner, draw_portrait
from about.models import Banner, Department, Link, Page, ScheduleItem, ScheduleWeek, monday_of
from federation.demo import (
    DemoDataError,
    build_spec,
    demo_list,
    entry_name,
    read_demo_data,
    remember,
    shown_path,
)
from members.models import Leader
from members.services.units import install_leadership

DATA = Path(__file__).resolve().parent / "demo"


@dataclass(frozen=True)
class PageSpec:
    title: str
    slug: str
    body: str
    order: int = 0
    summary: str = ""
    parent: str | None = None
    menu: int | None = None
    draft: bool = False


@dataclass(frozen=True)
class LeaderSpec:
    name: str
    role: str
    responsibilities: str
    look: dict | None = None


@dataclass(frozen=True)
class DepartmentSpec:
    name: str
    head: str = ""
    phone: str = ""
    email: str = ""
    duties: str = ""


@dataclass(frozen=True)
class LinkSpec:
    title: str
    url: str
    ends_days: int | None = None


@dataclass(frozen=True)
class BannerSpec:
    title: str
    heading: str
    line: str
    alt: str
    palette: tuple
    link: str = ""


def _specs(spec_class, path: Path, key: str, name: str = "name") -> list:
    entries = demo_list(read_demo_data(path), key, path)
    return [
        build_spec(spec_class, entry, f"{shown_path(path)}, {key} {entry_name(n, entry, name)}")
        for n, entry in enumerate(entries, start=1)
    ]


def seed_about(stdout, **options) -> None:
    pages = _seed_pages()
    leaders = _seed_leadership()
    departments = _seed_departments()
    weeks = _seed_schedule()
    links, banners = _seed_links_and_banners()
    stdout.write(
        f"About: {pages} pages, {leaders} leaders with portraits, {departments} departments, "
        f"{weeks} weeks of schedule, {links} links, {banners} banners."
    )


def _seed_pages() -> int:
    path = DATA / "pages.yaml"
    specs = _specs(PageSpec, path, "pages", "title")
    slugs = {spec.slug for spec in specs}
    for spec in specs:
        if spec.parent and spec.parent not in slugs:
            raise DemoDataError(f"{shown_path(path)}, page “{spec.title}”: no page {spec.parent}.")
    for spec in specs:  # parents come first in the file
        page = Page.objects.filter(slug=spec.slug).first() or Page(slug=spec.slug)
        page.title, page.summary, page.body = spec.title, spec.summary.strip(), spec.body
        page.order, page.menu_order = spec.order, spec.menu
        page.parent = Page.objects.get(slug=spec.parent) if spec.parent else None
        page.status = Page.Status.DRAFT if spec.draft else Page.Status.PUBLISHED
        remember(services.save_page(page))
    return len(specs)


def _seed_leadership() -> int:
    """Portraits and responsibilities for the federation's current leaders; the nine of
    the data file are installed first when the register has none (no congress demo)."""
    path = DATA / "leadership.yaml"
    data = read_demo_data(path)
    specs = _specs(LeaderSpec, path, "leaders")
    unit = services.top_unit()
    if unit is None:
        return 0
    roles = set(Leader.Role.values)
    for spec in specs:
        if spec.role not in roles:
            raise DemoDataError(
                f"{shown_path(path)}, leader “{spec.name}”: unknown role {spec.role}."
            )
    current = services.leadership()
    leaders = current.standing + current.executive
    if not leaders:
        term = data.get("term") or {}
        since = term.get("since")
        if not isinstance(since, datetime.date):
            raise DemoDataError(f"{shown_path(path)}: term.since must be a date.")
        installed = install_leadership(
            unit=unit,
            leaders=[
                Leader(full_name=spec.name, role=spec.role, order=number)
                for number, spec in enumerate(specs)
            ],
            since=since,
            source=term.get("source", ""),
        )
        for leader in installed:
            remember(leader)
        current = services.leadership()
        leaders = current.standing + current.executive
    by_name = {spec.name: spec for spec in specs}
    for number, leader in enumerate(leaders):
        # The congress demo may have chosen other names: then the specs go in rank order.
        spec = by_name.get(leader.full_name) or (specs[number] if number < len(specs) else None)
        if spec is None:
            continue
        changed = False
        if not leader.responsibilities:
            leader.responsibilities = spec.responsibilities.strip()
            changed = True
        if not leader.photo:
            look = dict(spec.look or {})
            leader.photo = ContentFile(
                draw_portrait(int(look.get("colour", number)), str(look.get("hair", "short"))),
                name="chan-dung.png",
            )
            changed = True
        if changed:
            leader.save()
    return len(leaders)


def _seed_departments() -> int:
    specs = _specs(DepartmentSpec, DATA / "leadership.yaml", "departments")
    for order, spec in enumerate(specs, start=1):
        department, _created = Department.objects.update_or_create(
            name=spec.name,
            defaults={
                "head": spec.head,
                "phone": spec.phone,
                "email": spec.email,
                "duties": spec.duties.strip(),
                "order": order * 10,
            },
        )
        remember(department)
    return len(specs)


def _seed_schedule() -> int:
    path = DATA / "schedule.yaml"
    this_monday = monday_of(timezone.localdate())
    entries = demo_list(read_demo_data(path), "weeks", path)
    for number, entry in enumerate(entries, start=1):
        where = f"{shown_path(path)}, week {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("week"), int):
            raise DemoDataError(f"{where}: expected a mapping with a week number (-1, 0, 1).")
        monday = this_monday + timedelta(days=7 * entry["week"])
        if ScheduleWeek.objects.filter(monday=monday).exists():
            continue
        items = []
        for order, item in enumerate(entry.get("items") or [], start=1):
            if not isinstance(item, dict) or not isinstance(item.get("day"), int):
                raise DemoDataError(f"{where}, item {order}: expected a day from 0 to 6.")
            at = item.get("time")
            items.append(
                ScheduleItem(
                    day=monday + timedelta(days=item["day"]),
                    time=datetime.time.fromisoformat(at) if at else None,
                    what=item.get("what", ""),
                    attendees=item.get("who", ""),
                    place=item.get("where", ""),
                    order=order,
                )
            )
        week = services.save_week(
            ScheduleWeek(monday=monday, published=True, note=entry.get("note") or ""), items
        )
        remember(week)
    return len(entries)


def _seed_links_and_banners() -> tuple[int, int]:
    path = DATA / "links.yaml"
    today = timezone.localdate()
    links = _specs(LinkSpec, path, "links", "title")
    for order, spec in enumerate(links, start=1):
        ends = today + timedelta(days=spec.ends_days) if spec.ends_days is not None else None
        link, _created = Link.objects.update_or_create(
            title=spec.title,
            defaults={"url": spec.url, "order": order * 10, "ends_on": ends},
        )
        remember(link)
    banners = _specs(BannerSpec, path, "banners", "title")
    for order, spec in enumerate(banners, start=1):
        banner = Banner.objects.filter(title=spec.title).first() or Banner(title=spec.title)
        banner.alt, banner.url, banner.order = " ".join(spec.alt.split()), spec.link, order * 10
        if not banner.image:
            banner.image = ContentFile(
                draw_banner(spec.heading, spec.line, spec.palette), name="bang-ron.png"
            )
        banner.full_clean()
        banner.save()
        remember(banner)
    return len(links), len(banners)
