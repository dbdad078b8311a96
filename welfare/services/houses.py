"""Houses of "Mái ấm Công đoàn": the steps of the work, photos before and after, and the
news of a handover.

- Steps: survey, start of work, handover of the house, in that order: a step needs the one
  before it and is not dated before it, no step is dated in the future, and the house is
  handed over only once its grant is approved, not before the day of the approval.
- Who records them: the officers of the proposing unit or of a unit above it, or staff
  with `welfare.change_housingaid` (members.scope.may_act_on). In the officer area the
  steps and photos are recorded once the grant is approved, until the programme is
  settled (`may_record_house`); staff correct a house in the admin (`save_housing`).
- Photos: real images (read by Pillow, not judged by their name: the model's validators,
  federation.validators.ImageUploadValidator) within IMAGE_MAX_BYTES, with a required
  description, drawn in renditions by federation.images; at most MAX_HOUSE_PHOTOS a house.
- The handover's news: a DRAFT article written through news.services.save_article, so the
  news workflow (editor submits, approver publishes) still applies. It names the unit and
  the kind of work, never the beneficiary: staff add a name when they edit it, and nothing
  is public before an approver publishes it. One house has one such article.
"""

import os
import re
import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from federation.images import delete_image_files, follow_source
from federation.text import format_date, format_money
from members import scope
from welfare.models import (
    COUNTED,
    Behaviour,
    Grant,
    HousingAid,
    HousingPhoto,
    ProgrammeStatus,
)
from welfare.services.common import PHOTO_RENDITIONS

CHANGE_HOUSING = "welfare.change_housingaid"
MAX_HOUSE_PHOTOS = 20
# The fields of a house the officer area records after approval, in the order of the work.
STEP_FIELDS = ("surveyed_on", "work_started_on", "handed_over_on")


def may_record_house(user, grant: Grant) -> bool:
    """The officer area's rule: a housing grant approved (or handed over), its programme
    not settled, and a user who acts on its unit."""
    return (
        grant.programme.kind.behaviour == Behaviour.HOUSING
        and grant.status in COUNTED
        and grant.programme.status != ProgrammeStatus.SETTLED
        and scope.may_act_on(user, grant.unit, CHANGE_HOUSING)
    )


def _require_recording(user, grant: Grant) -> None:
    if not scope.may_act_on(user, grant.unit, CHANGE_HOUSING):
        raise PermissionDenied(_("You may not record houses for this unit."))
    if grant.programme.kind.behaviour != Behaviour.HOUSING:
        raise ValidationError(_("This grant is not housing aid."))
    if grant.programme.status == ProgrammeStatus.SETTLED:
        raise ValidationError(_("This programme is settled: nothing in it changes."))
    if grant.status not in COUNTED:
        raise ValidationError(_("The steps of the work are recorded once the grant is approved."))


# ---------------------------------------------------------------------------------------
# Steps


def check_housing(housing: HousingAid) -> None:
    """Refuse a house whose steps are out of order, in the future, or not yet approved.

    Every refusal goes beside its own field, all of them at once.
    """
    grant = housing.grant
    if grant.programme.kind.behaviour != Behaviour.HOUSING:
        raise ValidationError(_("This grant is not housing aid."))
    today = timezone.localdate()
    surveyed, started, handed = (getattr(housing, field) for field in STEP_FIELDS)
    errors = {}
    for field in STEP_FIELDS:
        day = getattr(housing, field)
        if day and day > today:
            errors[field] = _("A step of the work cannot be dated in the future.")
    if started and "work_started_on" not in errors:
        if not surveyed:
            errors["work_started_on"] = _("Record the survey before the start of the work.")
        elif started < surveyed:
            errors["work_started_on"] = _("The work cannot start before the survey (%(day)s).") % {
                "day": format_date(surveyed)
            }
    if handed and "handed_over_on" not in errors:
        approved = timezone.localdate(grant.reviewed_at) if grant.reviewed_at else None
        if grant.status not in COUNTED:
            errors["handed_over_on"] = _("The house is handed over after approval.")
        elif not started:
            errors["handed_over_on"] = _("Record the start of the work before the handover.")
        elif handed < started:
            errors["handed_over_on"] = _(
                "The house cannot be handed over before the work started (%(day)s)."
            ) % {"day": format_date(started)}
        elif approved and handed < approved:
            errors["handed_over_on"] = _(
                "The house cannot be handed over before the grant was approved (%(day)s)."
            ) % {"day": format_date(approved)}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_housing(*, housing: HousingAid, user) -> HousingAid:
    """Record a house's steps (survey, start of work, handover) and its costs (staff, the
    admin: every field of the house)."""
    if not scope.may_act_on(user, housing.grant.unit, CHANGE_HOUSING):
        raise PermissionDenied(_("You may not record houses for this unit."))
    check_housing(housing)
    housing.full_clean()
    housing.save()
    return housing


@transaction.atomic
def record_house_steps(
    *, housing: HousingAid, user, surveyed_on, work_started_on, handed_over_on, total_cost
) -> HousingAid:
    """The officer area: the dates of the steps and the total cost of an approved house.

    The house's row is locked, so two officers saving at once are applied one after the
    other, each checked against what the other saved.
    """
    stored = (
        HousingAid.objects.select_for_update(of=("self",))
        .select_related("grant__programme__kind", "grant__unit")
        .get(pk=housing.pk)
    )
    _require_recording(user, stored.grant)
    stored.surveyed_on = surveyed_on
    stored.work_started_on = work_started_on
    stored.handed_over_on = handed_over_on
    stored.total_cost = total_cost
    check_housing(stored)
    stored.full_clean(exclude=["grant", "article"])
    stored.save(update_fields=[*STEP_FIELDS, "total_cost"])
    return stored


# ---------------------------------------------------------------------------------------
# Photos


def _forget_images(photo: HousingPhoto) -> None:
    """The original and renditions of a photo, removed once the transaction commits."""
    names = [getattr(photo, field).name for field in ("image", "small", "large")]
    storage = photo.image.storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names if name])


@transaction.atomic
def save_housing_photo(*, photo: HousingPhoto, user=None) -> HousingPhoto:
    """Keep a photo of a house (its alt text is required) and draw its renditions.

    The image is checked by its content and size before anything is written; should the
    renditions fail, the row is rolled back and the files written are removed.
    """
    if user is not None and not scope.may_act_on(user, photo.housing.grant.unit, CHANGE_HOUSING):
        raise PermissionDenied(_("You may not record houses for this unit."))
    photo.alt = " ".join((photo.alt or "").split())
    photo.caption = " ".join((photo.caption or "").split())
    photo.full_clean()
    stored = HousingPhoto.objects.filter(pk=photo.pk).values_list("image", flat=True).first()
    changed = stored != photo.image.name
    photo.save()
    try:
        follow_source(photo, photo.image, PHOTO_RENDITIONS, changed=changed)
    except Exception:
        if changed:
            delete_image_files([photo])
        raise
    return photo


@transaction.atomic
def add_house_photo(*, housing: HousingAid, user, stage: str, image, alt: str, caption: str = ""):
    """The officer area: a photo before or after the work of an approved house."""
    stored = (
        HousingAid.objects.select_for_update(of=("self",))
        .select_related("grant__programme__kind", "grant__unit")
        .get(pk=housing.pk)
    )
    _require_recording(user, stored.grant)
    if stored.photos.count() >= MAX_HOUSE_PHOTOS:
        raise ValidationError(
            _("A house can have at most %(count)d photos.") % {"count": MAX_HOUSE_PHOTOS}
        )
    return save_housing_photo(
        photo=HousingPhoto(housing=stored, stage=stage, image=image, alt=alt, caption=caption),
        user=user,
    )


@transaction.atomic
def delete_house_photo(*, photo: HousingPhoto, user) -> None:
    """Take away a photo recorded by mistake (its files go once the deletion commits)."""
    grant = Grant.objects.select_related("programme__kind", "unit").get(pk=photo.housing.grant_id)
    _require_recording(user, grant)
    _forget_images(photo)
    photo.delete()


# ---------------------------------------------------------------------------------------
# What the public may read of a photo


def _words(text: str) -> list[str]:
    """The words of a text as typed, lower-case, diacritics kept ("Mái" is not "Mai")."""
    return re.findall(r"\w+", unicodedata.normalize("NFC", text or "").lower())


def names_beneficiary(grant: Grant, text: str) -> bool:
    """Whether `text` holds the family name or the given name of the grant's beneficiary."""
    words = _words(grant.member.full_name if grant.member_id else grant.person_name)
    named = {words[0], words[-1]} if words else set()
    return bool(named & set(_words(text)))


def public_alt(photo: HousingPhoto) -> str:
    """The photo's description, unless it names the beneficiary: then a plain one.

    Staff write the alt text; a name written in it ("nhà của chị Hương") must not reach a
    public page, so the family name or the given name of the beneficiary leaves it out.
    """
    if names_beneficiary(photo.housing.grant, photo.alt):
        if photo.stage == HousingPhoto.Stage.BEFORE:
            return _("The house before the work")
        return _("The house after the work")
    return photo.alt


# ---------------------------------------------------------------------------------------
# The handover's news


def _handover_text(housing: HousingAid) -> dict:
    """Title, summary and body of the draft: the unit, the kind of work, the money; no
    beneficiary's name, address or circumstances."""
    grant = housing.grant
    programme = grant.programme
    values = {
        "unit": grant.unit.name,
        "kind": programme.kind.name,
        "programme": programme.name,
        "day": format_date(housing.handed_over_on, with_weekday=False),
    }
    if housing.work == HousingAid.Work.BUILD:
        title = _("%(unit)s hands over a newly built “%(kind)s” house") % values
        lead = _(
            "On %(day)s, %(unit)s handed over a newly built house to a member in hardship, "
            "within the programme “%(programme)s”."
        )
    else:
        title = _("%(unit)s hands over a repaired “%(kind)s” house") % values
        lead = _(
            "On %(day)s, %(unit)s handed over a repaired house to a member in hardship, "
            "within the programme “%(programme)s”."
        )
    lead = lead % values
    money = []
    if housing.total_cost:
        money.append(
            _("The work cost %(amount)s in all.") % {"amount": format_money(housing.total_cost)}
        )
    money.append(_("The union's support: %(amount)s.") % {"amount": format_money(grant.value)})
    if housing.own_contribution:
        money.append(
            _("The member's family contributed %(amount)s.")
            % {"amount": format_money(housing.own_contribution)}
        )
    if housing.other_support:
        if housing.other_support_from:
            money.append(
                _("Other support: %(amount)s from %(source)s.")
                % {
                    "amount": format_money(housing.other_support),
                    "source": housing.other_support_from,
                }
            )
        else:
            money.append(
                _("Other support: %(amount)s.") % {"amount": format_money(housing.other_support)}
            )
    # The lead is the article's summary (shown above its body); the body says the money.
    return {"title": title[:300], "summary": lead, "paragraphs": [" ".join(money)]}


def _copy_image(source) -> ContentFile | None:
    """The bytes of a stored image as a new upload (None when its file is missing)."""
    try:
        with source.open("rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return ContentFile(data, name=os.path.basename(source.name))


@transaction.atomic
def handover_article(*, housing: HousingAid, user, category):
    """A draft news article of a house's handover, linked to the house: (article, created).

    Asked again, it gives the article already linked and makes no other. The photos
    "after" the work become the article's photos (their descriptions without the
    beneficiary's name), the first placed at the top of the body, under the summary.
    """
    from news import services as news
    from news.models import Article, Photo

    stored = (
        HousingAid.objects.select_for_update(of=("self",))
        .select_related("grant__programme__kind", "grant__unit", "grant__member")
        .get(pk=housing.pk)
    )
    if not scope.may_act_on(user, stored.grant.unit, CHANGE_HOUSING):
        raise PermissionDenied(_("You may not record houses for this unit."))
    if stored.article_id is not None:
        return stored.article, False
    if not stored.handed_over_on:
        raise ValidationError(_("Only a house handed over has news of its handover."))
    if category is None:
        raise ValidationError({"category": _("Choose the category of the article.")})
    text = _handover_text(stored)
    after = [
        photo
        for photo in stored.photos.filter(stage=HousingPhoto.Stage.AFTER).order_by("pk")
        if photo.image
    ]
    copies = [(photo, _copy_image(photo.image)) for photo in after]
    copies = [(photo, copy) for photo, copy in copies if copy is not None]
    paragraphs = ["<p>[ảnh 1]</p>"] if copies else []
    paragraphs += [format_html("<p>{}</p>", paragraph) for paragraph in text["paragraphs"]]
    article = news.save_article(
        article=Article(
            title=text["title"],
            summary=text["summary"],
            body="".join(paragraphs),
            category=category,
            status=Article.Status.DRAFT,
        ),
        user=user,
    )
    written = []
    try:
        for number, (photo, copy) in enumerate(copies, start=1):
            caption = "" if names_beneficiary(stored.grant, photo.caption) else photo.caption
            news_photo = Photo(
                article=article, image=copy, alt=public_alt(photo), caption=caption, order=number
            )
            written.append(news_photo)
            news.save_photo(photo=news_photo)
    except Exception:
        delete_image_files(written)
        raise
    stored.article = article
    stored.save(update_fields=["article"])
    housing.article = article
    return article, True
