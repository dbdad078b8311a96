"""Public pages of "Giới thiệu", the contact form and the week's schedule."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from about import services
from about.forms import ContactForm
from about.models import Page
from federation.forms import add_errors
from federation.net import client_ip
from federation.pagecache import cached_page


@cached_page()
def index(request):
    return render(request, "about/index.html", {"tree": services.page_tree()})


def _may_preview(user) -> bool:
    return user.is_authenticated and user.is_staff and user.has_perm("about.view_page")


@cached_page()
def page_detail(request, slug):
    page = Page.objects.filter(slug=slug).select_related("parent").first()
    if page is None or not (page.is_public or _may_preview(request.user)):
        raise Http404(_("There is no such page."))
    children = page.children.published().only("title", "slug", "summary")
    context = {
        "page": page,
        # Sanitised on save already; cleaned again on the way out, as the news bodies are,
        # so a row written by any other path cannot carry a script to readers.
        "body": mark_safe(Page._meta.get_field("body").sanitize(page.body or "")),
        "ancestors": services.ancestors(page),
        "children": list(children),
    }
    return render(request, "about/page.html", context)


@cached_page()
def organisation(request):
    return render(request, "about/organisation.html", {"org": services.organisation()})


@cached_page()
def leadership(request):
    context = {
        "leadership": services.leadership(),
        "departments": services.departments(),
    }
    return render(request, "about/leadership.html", context)


def contact(request):
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.send_contact_message(
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    subject=data["subject"],
                    message=data["message"],
                    address=client_ip(request),
                )
            except ValidationError as error:
                add_errors(form, error)
        if form.is_valid():
            messages.success(
                request,
                _(
                    "Thank you. Your message has reached the federation's office; "
                    "we will answer you soon."
                ),
            )
            return redirect("about:contact")
        return render(request, "about/contact.html", {"form": form}, status=400)
    return _contact_page(request)


@cached_page()
def _contact_page(request):
    return render(request, "about/contact.html", {"form": ContactForm()})


@cached_page()
def schedule(request):
    today = timezone.localdate()
    monday, complaint = services.parse_week(request.GET.get("tuan"), today)
    week = services.week_schedule(monday, today=today)
    context = {
        "schedule": week,
        "complaint": complaint,
        "previous": services.week_param(monday - timedelta(days=7)),
        "next": services.week_param(monday + timedelta(days=7)),
        "this_week": monday == services.parse_week("", today)[0],
    }
    return render(request, "about/schedule.html", context)
