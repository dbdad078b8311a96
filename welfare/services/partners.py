"""Partner businesses and their offers to members."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from federation.images import refresh_renditions
from federation.text import slugify_vi
from welfare.models import Partner
from welfare.services.common import LOGO_RENDITIONS


def unique_partner_slug(name: str, *, exclude_pk=None) -> str:
    base = slugify_vi(name, max_length=190) or "doi-tac"
    slug, number = base, 2
    taken = Partner.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def save_partner(*, partner: Partner, user) -> Partner:
    """Save a partner with its address made from the name and its logo's renditions."""
    permission = "welfare.add_partner" if partner.pk is None else "welfare.change_partner"
    if not user.has_perm(permission):
        raise PermissionDenied(_("You may not change partners."))
    if not partner.slug:
        partner.slug = unique_partner_slug(partner.name, exclude_pk=partner.pk)
    partner.full_clean()
    stored = Partner.objects.filter(pk=partner.pk).values_list("logo", flat=True).first()
    partner.save()
    if not partner.logo:
        if partner.logo_small:
            for field in LOGO_RENDITIONS:
                getattr(partner, field).delete(save=False)
            Partner.objects.filter(pk=partner.pk).update(logo_small="", logo_large="")
    elif stored != partner.logo.name or not partner.logo_small:
        refresh_renditions(partner, partner.logo, LOGO_RENDITIONS)
    return partner
