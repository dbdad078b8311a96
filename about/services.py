"""Rules of the about pages, the contact form and the weekly schedule.

Views, the admin and the demo loader come through here, so a rule holds whichever door a
change comes in by. Refusals are `ValidationError`s with a Vietnamese message.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from about.models import (
    RESERVED_SLUGS,
    Banner,
    ContactMessage,
    Department,
    Link,
    Page,
    ScheduleItem,
    ScheduleWeek,
    monday_of,
)
from federation import antispam, roles
from federation.mail import send_mail_later
from federation.models import SiteProfile
from federation.text import slugify_vi
from members.models import Leader, Unit
from members.services.figures import counts_by_unit

# ---------------------------------------------------------------------------------------
# Pages


def unique_slug(title: str, *, exclude_pk=None) -> str:
    base = slugify_vi(title, max_length=100) or "trang"
    if base in RESERVED_SLUGS:
        base = f"{base}-trang"
    slug, number = base, 2
    taken = Page.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def save_page(page: Page) -> Page:
    """Save an about page from the admin or the demo: its slug made from the title if empty."""
    if not page.slug:
        page.slug = unique_slug(page.title, exclude_pk=page.pk)
    page.full_clean()
    page.save()
    return page


def page_tree() -> list[dict]:
    """The published pages as a tree: [{"page": …, "children": [...]}], one query.

    A page under a draft is not shown: its place in the tree is not public.
    """
    pages = list(Page.objects.published().only("title", "slug", "summary", "parent", "order"))
    below: dict[int | None, list[Page]] = {}
    for page in pages:
        below.setdefault(page.parent_id, []).append(page)

    def branch(parent_id, depth=0):
        if depth > 5:
            return []
        return [
            {"page": page, "children": branch(page.pk, depth + 1)}
            for page in below.get(parent_id, [])
        ]

    return branch(None)


def ancestors(page: Page) -> list[Page]:
    """The pages above `page`, top first (a few queries: the tree is shallow)."""
    found, parent, seen = [], page.parent, {page.pk}
    while parent is not None and parent.pk not in seen:
        seen.add(parent.pk)
        found.append(parent)
        parent = parent.parent
    return list(reversed(found))


def menu_children() -> list[dict]:
    """The entries under "About us" in the main menu: the pages given a menu position,
    then the organisation, the leadership and the week's schedule (one query)."""
    entries = [
        {"label": page.title, "url": page.get_absolute_url()}
        for page in Page.objects.in_menu().only("title", "slug")
    ]
    entries += [
        {"label": _("Organisation"), "url": reverse("about:organisation")},
        {"label": _("Leadership"), "url": reverse("about:leadership")},
        {"label": _("Work schedule"), "url": reverse("about:schedule")},
    ]
    return entries


# ---------------------------------------------------------------------------------------
# The organisation, drawn from the union tree

SHOWN_DEPTH = 3  # the federation, the unions directly below it, the grassroots unions


@dataclass
class OrgNode:
    unit: Unit
    members: int = 0
    children: list["OrgNode"] = field(default_factory=list)
    grassroots: int = 0  # grassroots unions in its subtree, itself included

    @property
    def depth(self) -> int:
        return self.unit.depth


@dataclass
class Organisation:
    roots: list[OrgNode]
    levels: list[dict]  # {"kind": UnitKind, "units": n} in the kinds' order
    members: int
    grassroots: int


def organisation(day: date | None = None) -> Organisation:
    """The union tree as it stands today with each unit's active members summed over its
    subtree: one query for the units, one GROUP BY for the members, whatever the size."""
    day = day or timezone.localdate()
    units = list(
        Unit.objects.existing_on(day)
        .select_related("kind")
        .only(
            "name",
            "short_name",
            "path",
            "parent",
            "kind__name",
            "kind__order",
            "kind__is_grassroots",
        )
        .order_by("path")
    )
    counts = counts_by_unit(Unit.objects.all(), year=day.year)
    nodes = {unit.path: OrgNode(unit) for unit in units}
    by_id = {unit.pk: nodes[unit.path] for unit in units}
    roots = []
    # Units come in path order, so every parent is met before its children; a unit whose
    # parent is not shown (dissolved) starts no branch of its own.
    for unit in units:
        node = nodes[unit.path]
        parent = by_id.get(unit.parent_id)
        if unit.parent_id is None:
            roots.append(node)
        elif parent is not None and unit.depth <= SHOWN_DEPTH:
            parent.children.append(node)
    # Sum upwards: every unit's members count for each shown ancestor.
    for unit in units:
        own = counts.get(unit.pk, {}).get("members", 0)
        grassroots = 1 if unit.kind.is_grassroots else 0
        for ancestor_id in [*unit.ancestor_ids, unit.pk]:
            ancestor = by_id.get(ancestor_id)
            if ancestor is not None:
                ancestor.members += own
                ancestor.grassroots += grassroots
    for node in nodes.values():
        node.children.sort(key=lambda child: child.unit.name)
    kinds = Counter(unit.kind for unit in units)
    levels = [
        {"kind": kind, "units": number}
        for kind, number in sorted(kinds.items(), key=lambda pair: (pair[0].order, pair[0].name))
    ]
    return Organisation(
        roots=roots,
        levels=levels,
        members=sum(root.members for root in roots),
        grassroots=sum(root.grassroots for root in roots),
    )


# ---------------------------------------------------------------------------------------
# The leadership, from the register's Leader rows

ROLE_RANK = {
    Leader.Role.CHAIR: 0,
    Leader.Role.VICE_CHAIR: 1,
    Leader.Role.STANDING: 2,
    Leader.Role.INSPECTION_CHAIR: 3,
    Leader.Role.EXECUTIVE: 4,
}
STANDING_ROLES = {
    Leader.Role.CHAIR,
    Leader.Role.VICE_CHAIR,
    Leader.Role.STANDING,
    Leader.Role.INSPECTION_CHAIR,
}


@dataclass
class Leadership:
    unit: Unit | None
    standing: list[Leader]
    executive: list[Leader]
    term: str  # the congress that elected most of them ("Đại hội … nhiệm kỳ 2023–2028")
    since: date | None

    @property
    def empty(self) -> bool:
        return not (self.standing or self.executive)


def top_unit() -> Unit | None:
    return Unit.objects.filter(parent__isnull=True).order_by("path").first()


def leadership(day: date | None = None) -> Leadership:
    """The current standing and executive committee of the federation (the top unit)."""
    unit = top_unit()
    if unit is None:
        return Leadership(None, [], [], "", None)
    leaders = sorted(
        Leader.objects.current(day).filter(unit=unit).defer("member"),
        key=lambda leader: (ROLE_RANK.get(leader.role, 9), leader.order, leader.pk),
    )
    terms = Counter((leader.source, leader.started_on) for leader in leaders)
    (term, since), _count = terms.most_common(1)[0] if terms else (("", None), 0)
    return Leadership(
        unit=unit,
        standing=[leader for leader in leaders if leader.role in STANDING_ROLES],
        executive=[leader for leader in leaders if leader.role not in STANDING_ROLES],
        term=term,
        since=since,
    )


def departments() -> list[Department]:
    return list(Department.objects.all())


# ---------------------------------------------------------------------------------------
# Contact


def _contact_errors(*, name, email, phone, subject, message) -> dict:
    errors = antispam.length_errors(
        {
            "name": (name, 120),
            "subject": (subject, 200),
            "message": (message, settings.CONTACT_MESSAGE_MAX_LENGTH),
        }
    )
    errors.update(antispam.reply_address_errors(email, phone))
    too_many_links = antispam.links_error((name, subject, message), settings.CONTACT_MAX_LINKS)
    if too_many_links:
        errors["message"] = too_many_links
    return errors


def contact_recipients() -> list[str]:
    """Who hears of a new message: CONTACT_NOTIFY_EMAILS when set, else the system
    administrators (the "Quản trị hệ thống" role) who have an email address."""
    if settings.CONTACT_NOTIFY_EMAILS:
        return list(settings.CONTACT_NOTIFY_EMAILS)
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.ADMINISTRATOR)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


@transaction.atomic
def send_contact_message(
    *, name: str, email: str, phone: str, subject: str, message: str, address: str
) -> ContactMessage:
    """A visitor's message: checked, kept for staff, confirmed to the sender, announced."""
    name, email, phone = name.strip(), email.strip(), phone.strip()
    subject, message = subject.strip(), message.strip()
    required = {
        "name": (name, _("Please give your name.")),
        "subject": (subject, _("Please give a subject.")),
        "message": (message, _("Please write your message.")),
    }
    errors = {key: text for key, (value, text) in required.items() if not value}
    errors = {
        **_contact_errors(name=name, email=email, phone=phone, subject=subject, message=message),
        **errors,
    }
    if errors:
        raise ValidationError(errors)
    antispam.check_rate(
        address,
        "contact",
        limit=settings.CONTACT_MESSAGES_PER_ADDRESS,
        window=settings.CONTACT_WINDOW,
    )
    contact = ContactMessage.objects.create(
        name=name, email=email, phone=phone, subject=subject, message=message
    )
    context = {
        "contact": contact,
        "admin_path": _admin_path(contact),
        "federation_name": SiteProfile.current().full_name,
    }
    if email:
        send_mail_later(
            _("We have received your message: %(subject)s") % {"subject": subject},
            render_to_string("about/mail/contact_received.txt", context),
            [email],
        )
    send_mail_later(
        _("New message through the portal: %(subject)s") % {"subject": subject},
        render_to_string("about/mail/contact_notify.txt", context),
        contact_recipients(),
    )
    return contact


def _admin_path(contact: ContactMessage) -> str:
    return reverse("admin:about_contactmessage_change", args=[contact.pk])


# ---------------------------------------------------------------------------------------
# The week's schedule

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$", re.IGNORECASE)


def parse_week(value: str | None, today: date | None = None) -> tuple[date, str]:
    """The Monday of "2026-W49" and no complaint; the current week and a Vietnamese
    message for anything else (this week without one when nothing was asked)."""
    today = today or timezone.localdate()
    if not value:
        return monday_of(today), ""
    match = _ISO_WEEK.match(value.strip())
    if match:
        try:
            monday = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
        except ValueError:
            monday = None
        if monday is not None and date(2000, 1, 1) <= monday <= date(2100, 1, 1):
            return monday, ""
    return monday_of(today), _(
        "“%(value)s” is not a week we know (write it like 2026-W49); here is this week."
    ) % {"value": value[:20]}


def week_param(monday: date) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class WeekSchedule:
    monday: date
    week: ScheduleWeek | None
    days: list[dict]  # {"day": date, "items": [...], "today": bool}

    @property
    def number(self) -> int:
        return self.monday.isocalendar()[1]

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)


def week_schedule(monday: date, *, today: date | None = None) -> WeekSchedule:
    """The published schedule of the week starting on `monday`, day by day (two queries)."""
    today = today or timezone.localdate()
    week = ScheduleWeek.objects.published().filter(monday=monday).first()
    items = list(week.items.all()) if week else []
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        on_day = [item for item in items if item.day == day]
        if on_day or offset < 5:
            days.append({"day": day, "items": on_day, "today": day == today})
    return WeekSchedule(monday=monday, week=week, days=days)


def items_of_today(today: date | None = None) -> list[ScheduleItem]:
    today = today or timezone.localdate()
    return list(
        ScheduleItem.objects.filter(day=today, week__published=True, week__monday=monday_of(today))
    )


@transaction.atomic
def save_week(week: ScheduleWeek, items: list[ScheduleItem] = ()) -> ScheduleWeek:
    """A week with its items (the demo loader; the admin saves through its forms)."""
    week.full_clean()
    week.save()
    for item in items:
        item.week = week
        item.full_clean()
        item.save()
    return week


# ---------------------------------------------------------------------------------------
# Links and banners


def shown_links(day: date | None = None) -> list[Link]:
    return list(Link.objects.shown_on(day))


def shown_banners(day: date | None = None) -> list[Banner]:
    return list(Banner.objects.shown_on(day).exclude(image_small=""))
