"""Grants: proposals by a unit, review by the unit above, handover with a signed list.

- Who proposes: the officers of the proposing unit or of a unit above it, or staff with
  `welfare.add_grant` (members.scope.may_act_on). The beneficiary is a member of the
  unit's subtree, or a named person (a member's child, …) with their relation.
- Duplicates: the same member twice in one programme is refused, whichever units propose
  them (a transfer in between changes nothing: the member is the same row; the database
  holds the rule too). Housing aid to someone who had housing aid within the programme's
  `housing_repeat_years` needs `repeat_reason`. The same national ID number proposed by
  different units of one programme is flagged (`flagged_duplicate`, on both proposals)
  for the reviewer, not refused.
- Who reviews: the units above the proposing unit, or staff with `welfare.change_grant`
  (members.scope.oversees). Approval locks the programme's row, then the quotas of the
  unit's chain, and counts what is already approved: two reviewers approving at the same
  moment end exactly at the quota and the budget, never beyond.
- Returning and rejecting need a reason, told to the unit by mail.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.files import inspect_upload, store_upload
from federation.text import format_money
from members import scope
from members.models import Member, MemberStatus
from welfare.models import (
    ALIVE,
    COUNTED,
    UNIT_EDITABLE,
    Behaviour,
    Grant,
    GrantFile,
    GrantStatus,
    HousingAid,
    Programme,
    ProgrammeStatus,
    Quota,
    Receipt,
    Relation,
    Scholarship,
)
from welfare.services.common import mail_after_commit, officer_emails, save_catching
from welfare.services.programmes import budget_of, counted_sums

MAX_FILES = 10


def may_propose(user, unit) -> bool:
    return scope.may_act_on(user, unit, "welfare.add_grant")


def may_review(user, grant: Grant) -> bool:
    """The units above the proposing unit, or staff who may change grants."""
    return scope.oversees(user, grant.unit, "welfare.change_grant")


def duplicates_of(grant: Grant):
    """Other live proposals of the programme naming the same national ID number (what the
    reviewer of a flagged grant looks at)."""
    if not grant.national_id:
        return Grant.objects.none()
    return (
        Grant.objects.filter(
            programme_id=grant.programme_id, national_id=grant.national_id, status__in=ALIVE
        )
        .exclude(pk=grant.pk)
        .select_related("unit")
    )


# ---------------------------------------------------------------------------------------
# Proposing


def _check_beneficiary(grant: Grant, programme: Programme) -> None:
    unit = grant.unit
    in_unit = Member.objects.in_subtree(unit)
    if grant.member_id:
        member = in_unit.filter(pk=grant.member_id).first()
        if member is None:
            raise ValidationError({"member": _("This member is not in the proposing unit.")})
        if member.status != MemberStatus.ACTIVE:
            raise ValidationError({"member": _("This member is no longer active.")})
        grant.person_name, grant.relation, grant.for_member = "", "", None
        grant.national_id = member.national_id
        return
    grant.person_name = " ".join((grant.person_name or "").split())
    if not grant.person_name:
        raise ValidationError({"person_name": _("Choose a member or name the beneficiary.")})
    if not grant.relation:
        raise ValidationError({"relation": _("Say how the beneficiary is related to a member.")})
    if grant.relation != Relation.WORKER and not grant.for_member_id:
        raise ValidationError({"for_member": _("Choose the member the beneficiary belongs to.")})
    if grant.for_member_id and not in_unit.filter(pk=grant.for_member_id).exists():
        raise ValidationError({"for_member": _("This member is not in the proposing unit.")})
    if programme.kind.behaviour == Behaviour.SCHOLARSHIP and grant.relation != Relation.CHILD:
        raise ValidationError({"relation": _("Scholarships go to members' children.")})


def _check_duplicates(grant: Grant, programme: Programme) -> list[Grant]:
    """Refuse a member proposed twice; return the proposals of other units to flag."""
    others = Grant.objects.filter(programme=programme, status__in=ALIVE).exclude(pk=grant.pk)
    if grant.member_id and others.filter(member_id=grant.member_id).exists():
        raise ValidationError(
            {"member": _("This member has already been proposed in this programme.")}
        )
    if not grant.national_id:
        return []
    same_id = list(others.filter(national_id=grant.national_id).only("pk", "unit_id"))
    if any(other.unit_id == grant.unit_id for other in same_id):
        raise ValidationError(
            {"national_id": _("This unit has already proposed this person in this programme.")}
        )
    return same_id


def _check_housing_repeat(grant: Grant, programme: Programme) -> None:
    years = programme.housing_repeat_years
    if programme.kind.behaviour != Behaviour.HOUSING or not years:
        return
    person = Q(member_id=grant.member_id) if grant.member_id else Q(pk__in=[])
    if grant.national_id:
        person |= Q(national_id=grant.national_id)
    earlier = (
        Grant.objects.filter(person, status__in=COUNTED)
        .filter(
            programme__kind__behaviour=Behaviour.HOUSING,
            programme__year__gt=programme.year - years,
            programme__year__lte=programme.year,
        )
        .exclude(pk=grant.pk)
        .select_related("programme")
        .first()
    )
    grant.repeat_reason = (grant.repeat_reason or "").strip()
    if earlier is not None and not grant.repeat_reason:
        raise ValidationError(
            {
                "repeat_reason": _(
                    "This person had housing aid in %(year)s (%(programme)s). Housing aid "
                    "within %(years)d years needs a recorded reason."
                )
                % {"year": earlier.programme.year, "programme": earlier.programme, "years": years}
            }
        )


def _check_details(programme: Programme, housing, scholarship) -> None:
    behaviour = programme.kind.behaviour
    if behaviour in (Behaviour.LOAN, Behaviour.PARTNERS):
        raise ValidationError(_("This programme does not take proposals of beneficiaries."))
    if behaviour == Behaviour.HOUSING and housing is None:
        raise ValidationError(_("Housing aid needs the house: the work and its address."))
    if behaviour == Behaviour.SCHOLARSHIP and scholarship is None:
        raise ValidationError(_("A scholarship needs the school and the level."))


@transaction.atomic
def propose_grant(
    *,
    grant: Grant,
    user,
    files=(),
    housing: HousingAid | None = None,
    scholarship: Scholarship | None = None,
) -> Grant:
    """Propose a beneficiary, or send a proposal (proposed or returned) again corrected.

    `files` are (purpose, upload) pairs (application, confirmation of hardship).
    `housing` and `scholarship` are the unsaved details a housing or scholarship
    programme asks for. A member already proposed in the programme is refused; the
    same national ID number in another unit flags both proposals for the reviewer.
    """
    if not may_propose(user, grant.unit):
        raise PermissionDenied(_("You may not propose beneficiaries for this unit."))
    programme = Programme.objects.select_related("kind", "unit").get(pk=grant.programme_id)
    if grant.pk is not None:
        stored = Grant.objects.select_for_update().get(pk=grant.pk)
        if stored.status not in UNIT_EDITABLE:
            raise ValidationError(_("A reviewed proposal can no longer be changed."))
        if stored.unit_id != grant.unit_id or stored.programme_id != grant.programme_id:
            raise ValidationError(_("A proposal stays with its programme and unit."))
    if programme.status != ProgrammeStatus.OPEN:
        raise ValidationError(_("This programme is not open for proposals."))
    if not grant.unit.is_within(programme.unit):
        raise ValidationError(_("This programme is not run for this unit."))
    if (
        Quota.objects.filter(programme=programme).exists()
        and not Quota.objects.filter(
            programme=programme, unit_id__in=[*grant.unit.ancestor_ids, grant.unit_id]
        ).exists()
    ):
        raise ValidationError(_("This unit has no quota in this programme."))
    if grant.pk is not None:  # sent again: the details already recorded stay unless replaced
        stored_housing = HousingAid.objects.filter(grant_id=grant.pk).first()
        stored_scholarship = Scholarship.objects.filter(grant_id=grant.pk).first()
        if housing is not None and stored_housing is not None:
            housing.pk = stored_housing.pk
        if scholarship is not None and stored_scholarship is not None:
            scholarship.pk = stored_scholarship.pk
        housing = housing or stored_housing
        scholarship = scholarship or stored_scholarship
    _check_details(programme, housing, scholarship)
    _check_beneficiary(grant, programme)
    if grant.standard_id:
        if grant.standard.programme_id != programme.pk:
            raise ValidationError({"standard": _("This amount belongs to another programme.")})
        if not grant.cash_amount:
            grant.cash_amount = grant.standard.amount
    grant.circumstances = (grant.circumstances or "").strip()
    if not grant.circumstances:
        raise ValidationError({"circumstances": _("Say why this person should be helped.")})
    if not (grant.cash_amount or 0) + (grant.in_kind_value or 0):
        raise ValidationError({"cash_amount": _("Give the amount in cash or the value in kind.")})
    if grant.in_kind_value and not grant.in_kind.strip():
        raise ValidationError({"in_kind": _("Say what is given in kind.")})
    same_id = _check_duplicates(grant, programme)
    _check_housing_repeat(grant, programme)
    grant.status, grant.reason = GrantStatus.PROPOSED, ""
    grant.proposed_by, grant.proposed_at = user, timezone.now()
    grant.reviewed_by = grant.reviewed_at = None
    grant.flagged_duplicate = bool(same_id)
    grant.full_clean(exclude=["member", "for_member", "unit", "programme", "standard"])
    save_catching(
        grant,
        ValidationError({"member": _("This member has already been proposed in this programme.")}),
    )
    if same_id:
        Grant.objects.filter(pk__in=[other.pk for other in same_id]).update(flagged_duplicate=True)
    if housing is not None:
        housing.grant = grant
        housing.full_clean(exclude=["grant", "article"])
        housing.save()
    if scholarship is not None:
        scholarship.grant = grant
        scholarship.full_clean(exclude=["grant"])
        scholarship.save()
    for purpose, upload in files:
        attach_grant_file(grant=grant, upload=upload, purpose=purpose, user=user)
    parent_id = grant.unit.parent_id
    mail_after_commit(
        _("New welfare proposal: %(programme)s") % {"programme": programme.name},
        _("%(unit)s has proposed %(name)s for %(programme)s. Review it in the officer area.")
        % {"unit": grant.unit.name, "name": grant.beneficiary_name, "programme": programme.name},
        officer_emails(parent_id),
    )
    return grant


@transaction.atomic
def attach_grant_file(*, grant: Grant, upload, user, purpose=GrantFile.Kind.APPLICATION):
    """A file sent with a proposal (the shared file checks: content, size, name)."""
    if not may_propose(user, grant.unit):
        raise PermissionDenied(_("You may not propose beneficiaries for this unit."))
    stored = Grant.objects.select_for_update().get(pk=grant.pk)
    if stored.status not in UNIT_EDITABLE:
        raise ValidationError(_("A reviewed proposal can no longer be changed."))
    inspected = inspect_upload(upload)
    if stored.files.filter(checksum=inspected.checksum).exists():
        raise ValidationError(_("This file is already attached to the proposal."))
    if stored.files.count() >= MAX_FILES:
        raise ValidationError(
            _("A proposal can carry at most %(count)d files.") % {"count": MAX_FILES}
        )
    return store_upload(GrantFile(grant=stored, purpose=purpose), upload, inspected=inspected)


# ---------------------------------------------------------------------------------------
# Reviewing


def _review(grant: Grant, user, statuses=(GrantStatus.PROPOSED,)) -> tuple[Grant, Programme]:
    """Lock the programme, then the grant; check the reviewer and the grant's status."""
    if not may_review(user, grant):
        raise PermissionDenied(_("Only a unit above the proposing unit reviews its proposals."))
    # The programme's row only (not its kind's): approvals of one programme queue here.
    programme = (
        Programme.objects.select_for_update(of=("self",))
        .select_related("kind")
        .get(pk=grant.programme_id)
    )
    stored = (
        Grant.objects.select_for_update(of=("self",))
        .select_related("unit", "member")
        .get(pk=grant.pk)
    )
    if stored.status not in statuses:
        raise ValidationError(
            _("%(name)s: only a proposal waiting for review can be reviewed.")
            % {"name": stored.beneficiary_name}
        )
    if programme.status not in (ProgrammeStatus.OPEN, ProgrammeStatus.CLOSED):
        raise ValidationError(_("This programme is not being reviewed."))
    return stored, programme


def _check_limits(grant: Grant, programme: Programme) -> None:
    """The grant fits every quota of its unit's chain and the budget (rows locked)."""
    chain = list(
        Quota.objects.select_for_update(of=("self",))
        .filter(programme=programme, unit_id__in=[*grant.unit.ancestor_ids, grant.unit_id])
        .select_related("unit")
        .order_by("unit__path")
    )
    if not chain and Quota.objects.filter(programme=programme).exists():
        raise ValidationError(_("This unit has no quota in this programme."))
    grants = Grant.objects.filter(programme=programme)
    for quota in chain:
        used = counted_sums(grants.in_subtree(quota.unit))
        if quota.places is not None and used["places"] + grant.places > quota.places:
            raise ValidationError(
                _(
                    "%(name)s: the quota of %(unit)s is used up (%(used)d of %(limit)d suất "
                    "approved)."
                )
                % {
                    "name": grant.beneficiary_name,
                    "unit": quota.unit,
                    "used": used["places"],
                    "limit": quota.places,
                }
            )
        if quota.amount is not None and used["amount"] + grant.value > quota.amount:
            raise ValidationError(
                _("%(name)s: the quota of %(unit)s leaves %(left)s; this grant is %(value)s.")
                % {
                    "name": grant.beneficiary_name,
                    "unit": quota.unit,
                    "left": format_money(max(quota.amount - used["amount"], 0)),
                    "value": format_money(grant.value),
                }
            )
    budget = budget_of(programme)
    used = counted_sums(grants)["amount"]
    if used + grant.value > budget:
        raise ValidationError(
            _("%(name)s: the programme's budget leaves %(left)s; this grant is %(value)s.")
            % {
                "name": grant.beneficiary_name,
                "left": format_money(max(budget - used, 0)),
                "value": format_money(grant.value),
            }
        )


def _tell_unit(grant: Grant, subject: str, body: str) -> None:
    recipients = officer_emails(grant.unit_id)
    if grant.proposed_by_id and grant.proposed_by.email:
        recipients.append(grant.proposed_by.email)
    mail_after_commit(subject, body, sorted(set(recipients)))


@transaction.atomic
def approve_grant(*, grant: Grant, user) -> Grant:
    """Approve a proposal within the unit's quotas and the programme's budget."""
    grant, programme = _review(grant, user)
    if grant.repeat_reason == "":
        _check_housing_repeat(grant, programme)
    _check_limits(grant, programme)
    grant.status, grant.reason = GrantStatus.APPROVED, ""
    grant.reviewed_by, grant.reviewed_at = user, timezone.now()
    grant.save(update_fields=["status", "reason", "reviewed_by", "reviewed_at", "updated_at"])
    _tell_unit(
        grant,
        _("Welfare proposal approved: %(programme)s") % {"programme": programme.name},
        _("%(name)s has been approved for %(programme)s (%(value)s).")
        % {
            "name": grant.beneficiary_name,
            "programme": programme.name,
            "value": format_money(grant.value),
        },
    )
    return grant


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, for the unit that proposed it.")})
    return reason


@transaction.atomic
def return_grant(*, grant: Grant, user, reason: str) -> Grant:
    """Send a proposal back to its unit to correct, with the reason."""
    reason = _reason(reason)
    grant, programme = _review(grant, user)
    grant.status, grant.reason = GrantStatus.RETURNED, reason
    grant.reviewed_by, grant.reviewed_at = user, timezone.now()
    grant.save(update_fields=["status", "reason", "reviewed_by", "reviewed_at", "updated_at"])
    _tell_unit(
        grant,
        _("Welfare proposal returned: %(programme)s") % {"programme": programme.name},
        _("The proposal for %(name)s (%(programme)s) was returned for correction: %(reason)s")
        % {"name": grant.beneficiary_name, "programme": programme.name, "reason": reason},
    )
    return grant


@transaction.atomic
def reject_grant(*, grant: Grant, user, reason: str) -> Grant:
    """Refuse a proposal (waiting or returned), with the reason."""
    reason = _reason(reason)
    grant, programme = _review(grant, user, (GrantStatus.PROPOSED, GrantStatus.RETURNED))
    grant.status, grant.reason = GrantStatus.REJECTED, reason
    grant.reviewed_by, grant.reviewed_at = user, timezone.now()
    grant.save(update_fields=["status", "reason", "reviewed_by", "reviewed_at", "updated_at"])
    _tell_unit(
        grant,
        _("Welfare proposal rejected: %(programme)s") % {"programme": programme.name},
        _("The proposal for %(name)s (%(programme)s) was rejected: %(reason)s")
        % {"name": grant.beneficiary_name, "programme": programme.name, "reason": reason},
    )
    return grant


# ---------------------------------------------------------------------------------------
# Handing over


@transaction.atomic
def hand_over(*, grants, on, upload, user) -> Receipt:
    """Record that approved grants of one unit were handed over on `on`, with the list the
    beneficiaries signed (one file for all of them)."""
    grants = list(grants)
    if not grants:
        raise ValidationError(_("Choose the grants that were handed over."))
    if upload is None:
        raise ValidationError({"file": _("Attach the signed receipt list.")})
    ids = [grant.pk for grant in grants]
    locked = list(
        Grant.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("unit", "programme")
        .order_by("pk")
    )
    first = locked[0]
    if any(g.programme_id != first.programme_id or g.unit_id != first.unit_id for g in locked):
        raise ValidationError(_("One receipt list covers grants of one programme and one unit."))
    if not scope.may_act_on(user, first.unit, "welfare.change_grant"):
        raise PermissionDenied(_("You may not record handovers for this unit."))
    if first.programme.status == ProgrammeStatus.SETTLED:
        raise ValidationError(_("This programme is settled: nothing in it changes."))
    waiting = [g for g in locked if g.status != GrantStatus.APPROVED]
    if waiting:
        raise ValidationError(
            _("%(name)s: only an approved grant can be handed over.")
            % {"name": waiting[0].beneficiary_name}
        )
    today = timezone.localdate()
    earliest = max(timezone.localdate(g.reviewed_at) for g in locked if g.reviewed_at)
    if on is None or on > today or on < earliest:
        raise ValidationError(
            {"on": _("The handover date must be between the approval and today.")}
        )
    try:
        receipt = store_upload(
            Receipt(
                programme=first.programme, unit=first.unit, handed_over_on=on, recorded_by=user
            ),
            upload,
        )
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    Grant.objects.filter(pk__in=ids).update(
        status=GrantStatus.HANDED_OVER,
        handed_over_on=on,
        receipt=receipt,
        updated_at=timezone.now(),
    )
    for grant in grants:
        grant.status, grant.handed_over_on, grant.receipt = GrantStatus.HANDED_OVER, on, receipt
    return receipt
