"""The welfare demo seed_demo loads: what a visitor and the demo officers find, figures
that agree with the demo news, and a load that is safe to repeat, with or without logins.
The register and the welfare demo are loaded once for the module."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from federation.demo import DemoDataError, read_demo_data
from federation.models import OutgoingMail
from federation.seed import seed_federation
from federation.text import format_money_short
from members.demo import DIEN_BIEN_PHU, OFFICER_SCHOOL
from members.models import MemberStatus, Unit
from members.seed import seed_members
from tests.factories import browser
from tests.helpers import loaded_for_reading, logged_in, text_of, vi
from welfare import services
from welfare.demo import (
    GRASSROOTS,
    HOUSING,
    LOAN_LIST,
    SCHOLARSHIPS,
    STORIES_FILE,
    TET,
    load_loans,
)
from welfare.models import (
    Grant,
    GrantStatus,
    HousingAid,
    HousingPhoto,
    Loan,
    LoanStatus,
    Partner,
    Programme,
    ProgrammeStatus,
)
from welfare.seed import LOADER, _Actors, lunar_name, seed_welfare

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """One load of the logins, the register and the welfare demo; what the load leaves for
    the commit (the services' mail to officers) is run as a commit would."""
    with loaded_for_reading(django_db_blocker, tmp_path_factory.mktemp("welfare-demo")):
        out = StringIO()
        with TestCase.captureOnCommitCallbacks(execute=True):
            for step in (seed_federation, seed_members, seed_welfare):
                step(out, logins=True)
        yield out.getvalue()


def user(username: str):
    return get_user_model().objects.get(username=username)


def tet() -> Programme:
    """This year's Tết: the one open for proposals."""
    return Programme.objects.get(kind__slug=TET.kind, status=ProgrammeStatus.OPEN)


def story(title_start: str) -> str:
    """The whole text of a demo story (news/demo/stories.yaml), on one line."""
    for entry in read_demo_data(STORIES_FILE)["stories"]:
        if " ".join(entry["title"].split()).startswith(title_start):
            return " ".join(str(entry).split())
    raise AssertionError(f"no story {title_start}")


def counted(programme) -> dict:
    return services.programme_totals(programme)


# ---------------------------------------------------------------------------------------
# What a visitor finds


def test_the_welfare_page_shows_this_years_tet_with_what_is_approved(seeded):
    programme = tet()
    starts = programme.starts_on
    tet_year = starts.year + (1 if starts.month >= 3 else 0)
    assert programme.name == f"Tết Sum vầy – Xuân {lunar_name(tet_year)} {tet_year}"

    html = text_of(browser().get("/phuc-loi/"))

    this_year = html.split(vi("Past years"))[0]
    assert programme.name in this_year
    totals = counted(programme)
    approved = sum(p.approved + p.handed_over for p in TET.proposals)
    assert totals["places"] == totals["beneficiaries"] == approved
    amount = format_money_short(totals["amount"])
    assert f"{approved} suất quà đã duyệt, trị giá {amount}" in this_year
    # Last year's is settled, every gift handed over, among the past years.
    past = html.split(vi("Past years"))[1]
    last = Programme.objects.get(kind__slug=TET.kind, status=ProgrammeStatus.SETTLED)
    assert last.name in past
    assert not last.grants.exclude(status=GrantStatus.HANDED_OVER).exists()
    assert last.grants.filter(receipt__isnull=True).count() == 0


def test_the_tet_page_shows_the_plan_of_the_news_beside_what_is_approved(seeded):
    programme = tet()
    news = story("Liên đoàn Lao động tỉnh triển khai chương trình “Tết Sum vầy”")
    assert "dự kiến trao hơn 5.200 suất quà" in news
    assert "khoảng 2,87 tỷ đồng" in news

    # The plan: the budget and the quotas handed down agree with the story.
    assert services.budget_of(programme) == 2_870_000_000
    handed = programme.quotas.filter(parent__isnull=True)
    assert 5_200 < sum(q.places for q in handed) < 5_300
    assert sum(q.amount for q in handed) <= 2_870_000_000
    # What is recorded is part of it, and what the page adds up.
    totals = counted(programme)
    assert 0 < totals["places"] < 5_200
    html = text_of(browser().get(programme.get_absolute_url()))
    assert "2,87 tỷ đồng" in html
    assert "hơn 5.200 suất quà" in html
    assert f"<dd>{totals['places']}</dd>" in html
    for source in ("Công ty Cổ phần Xi măng Điện Biên", "200.000.000 đồng"):
        assert source in html


def test_the_houses_are_at_every_step_as_the_news_tells(seeded):
    programme = Programme.objects.get(kind__slug=HOUSING.kind)
    today = timezone.localdate()
    houses = HousingAid.objects.filter(grant__programme=programme)
    handed = houses.filter(handed_over_on__isnull=False)
    # “Chín tháng, 11 căn nhà … 510 triệu đồng”: 9 new, 2 repaired, before that story.
    news = story("Chín tháng, 11 căn nhà")
    assert "xây mới 9 căn và sửa chữa 2 căn" in news
    assert "510 triệu đồng" in news
    before = handed.filter(handed_over_on__lte=today - timedelta(days=63))
    assert before.count() == 11
    assert before.filter(work=HousingAid.Work.BUILD).count() == 9
    assert sum(h.grant.value for h in before) == 510_000_000
    # The twelfth, six days ago (“Từ đầu năm … 12 căn nhà”).
    assert "12 căn nhà" in story("Bàn giao nhà “Mái ấm Công đoàn”")
    assert handed.count() == 12
    assert handed.filter(handed_over_on=today - timedelta(days=6)).count() == 1

    html = text_of(browser().get(programme.get_absolute_url()))
    steps = re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", html)
    assert (vi("Handed over"), "12") in steps
    assert (vi("Under construction"), "3") in steps
    waiting = Grant.objects.filter(programme=programme, status=GrantStatus.PROPOSED)
    assert waiting.count() == 2
    # Photos before and after, with their renditions, described without a name.
    photos = HousingPhoto.objects.filter(housing__grant__programme=programme)
    assert set(photos.values_list("stage", flat=True)) == {"before", "after"}
    assert all(photo.small and photo.large for photo in photos)
    assert html.count('class="welfare-photos"') == 1
    assert html.count("<figure>") == 2 * 3  # the three houses handed over with photos


def test_scholarships_and_loans_agree_with_their_stories(seeded):
    today = timezone.localdate()
    scholarships = Programme.objects.get(kind__slug=SCHOLARSHIPS.kind)
    news = story("Trao 40 suất học bổng")
    assert "mỗi suất 2 triệu đồng" in news
    assert "80 triệu đồng" in news
    ceremony = today - timedelta(days=SCHOLARSHIPS.ceremony)
    given = scholarships.grants.filter(status=GrantStatus.HANDED_OVER, handed_over_on=ceremony)
    assert given.count() == 40
    assert sum(grant.value for grant in given) == 80_000_000
    assert all(grant.scholarship.school for grant in given)
    assert scholarships.grants.filter(status=GrantStatus.APPROVED).exists()

    news = story("Vay vốn giải quyết việc làm qua kênh công đoàn")
    assert "14 đoàn viên được giải ngân 1 tỷ đồng" in news
    assert "không có nợ quá hạn" in news
    loans = Loan.objects.with_position(today)
    assert loans.count() == len(LOAN_LIST) == 40
    round_ = loans.filter(disbursed_on=today - timedelta(days=100))
    assert round_.count() == 14
    assert sum(loan.principal for loan in round_) == 1_000_000_000
    assert sum(loan.jobs_created for loan in round_) > 30
    # Every state, and no arrears on the day the story said there were none.
    states = {loan.status_on(today) for loan in loans}
    assert states == set(LoanStatus.values)
    on_story_day = today - timedelta(days=98)
    started = Loan.objects.filter(disbursed_on__lte=on_story_day)
    assert not Loan.objects.overdue(on_story_day).filter(pk__in=started).exists()
    terms = services.terms_on(today)
    assert terms.ceiling == 100_000_000
    assert all(loan.principal <= terms.ceiling for loan in loans)


def test_the_partners_page_lists_seven_offers_and_hides_the_expired(seeded):
    partners = Partner.objects.all()
    assert partners.count() == 8
    assert len({partner.field for partner in partners}) >= 5
    news = story("Đoàn viên được giảm 10–20%")
    assert "8 doanh nghiệp, với 25 cơ sở" in news
    outlets = sum(
        int(re.search(r"tại (\d+) cơ sở", p.conditions).group(1)) if "cơ sở" in p.conditions else 1
        for p in partners
    )
    assert outlets == 25

    html = text_of(browser().get("/phuc-loi/doi-tac/"))

    assert vi("%(counter)s offer", "%(counter)s offers", 7, counter=7) in html
    expired = Partner.objects.get(valid_until__lt=timezone.localdate())
    assert expired.name not in html
    for partner in partners.exclude(pk=expired.pk):
        assert partner.name in html
        assert partner.logo_small
        assert partner.logo_small.name in html


# ---------------------------------------------------------------------------------------
# What the demo officers find


def test_the_ward_officer_has_proposals_waiting_for_review(seeded):
    ward = Unit.objects.get(name=DIEN_BIEN_PHU)
    waiting = sum(p.proposed for p in TET.proposals if GRASSROOTS[p.unit].parent == ward.name)
    assert waiting >= 3
    client = logged_in(user("canbo.phuong"))

    page = client.get(f"/co-so/phuc-loi/{tet().slug}/don-vi/{ward.pk}/")

    assert page.status_code == 200
    review = vi(
        "Review %(counter)s proposal", "Review %(counter)s proposals", waiting, counter=waiting
    )
    assert review in text_of(page)
    listing = text_of(client.get(f"/co-so/phuc-loi/{tet().slug}/don-vi/{ward.pk}/duyet/"))
    proposed = Grant.objects.filter(programme=tet(), status=GrantStatus.PROPOSED, unit__parent=ward)
    assert proposed.count() == waiting
    for grant in proposed:
        assert grant.member.full_name in listing
        assert grant.files.exists()  # the application came with the proposal
    # The ward officer reviewed the others of the ward, and returned one with a reason.
    reviewed = Grant.objects.filter(programme=tet(), unit__parent=ward, reviewed_by__isnull=False)
    assert set(reviewed.values_list("reviewed_by__username", flat=True)) == {"canbo.phuong"}
    returned = reviewed.get(status=GrantStatus.RETURNED)
    assert returned.reason == TET.return_reason


def test_the_school_officer_has_quota_left_to_propose_and_a_proposal_to_correct(seeded):
    school = Unit.objects.get(name=OFFICER_SCHOOL)
    client = logged_in(user("canbo.coso"))

    home = text_of(client.get("/co-so/phuc-loi/"))

    (quota,) = services.quota_usage(tet(), units=[school])
    assert 0 < quota.used_places < quota.places
    left = vi(
        "%(used)s of %(limit)s suất used, %(left)s left",
        used=quota.used_places,
        limit=quota.places,
        left=quota.left_places,
    )
    assert left in home
    page = text_of(client.get(f"/co-so/phuc-loi/{tet().slug}/don-vi/{school.pk}/"))
    assert vi("Propose a beneficiary") in page
    returned = Grant.objects.get(programme=tet(), unit=school, status=GrantStatus.RETURNED)
    assert returned.proposed_by.username == "canbo.coso"
    grant_page = text_of(client.get(f"/co-so/phuc-loi/de-xuat/{returned.pk}/"))
    assert TET.return_reason in grant_page


def test_overdue_loans_are_listed_for_the_officers_of_their_units(seeded):
    ward = Unit.objects.get(name=DIEN_BIEN_PHU)
    in_ward = Loan.objects.overdue().filter(unit__parent=ward)
    assert in_ward.count() == 2
    assert Loan.objects.overdue().count() == sum(1 for s in LOAN_LIST if s.state == "overdue")

    listing = text_of(logged_in(user("canbo.phuong")).get("/co-so/phuc-loi/vay-von/"))

    assert vi("%(counter)s overdue loan", "%(counter)s overdue loans", 2, counter=2) in listing
    for loan in in_ward.select_related("borrower"):
        assert loan.borrower.full_name in listing
        assert loan.overdue_days() > 0


# ---------------------------------------------------------------------------------------
# Loading again, and without logins


def welfare_counts() -> dict:
    from django.apps import apps

    return {
        model.__name__: model._base_manager.count()
        for model in apps.get_app_config("welfare").get_models()
    }


def test_loading_sent_no_mail_and_a_second_run_adds_nothing(seeded):
    assert not OutgoingMail.objects.exists()
    before, users = welfare_counts(), get_user_model().objects.count()

    with TestCase.captureOnCommitCallbacks(execute=True):
        out = StringIO()
        seed_welfare(out, logins=True)
        seed_welfare(out, logins=False)

    assert welfare_counts() == before
    assert get_user_model().objects.count() == users
    assert out.getvalue().count("Welfare: 6 programmes (0 new)") == 2
    assert not OutgoingMail.objects.exists()
    assert not mail.outbox


def test_without_logins_an_account_made_for_the_load_acts_and_leaves_no_trace(seeded):
    """With --no-logins the services run as a superuser of the load only; it is deleted at
    the end with every mention of it, so no account is left and no row names anyone."""
    users = get_user_model().objects.count()
    school = Unit.objects.get(name=OFFICER_SCHOOL)
    proposed = Grant.objects.filter(programme=tet()).values("member")
    member = school.members.filter(status=MemberStatus.ACTIVE).exclude(pk__in=proposed).first()
    standard = tet().standard_amounts.first()

    actors = _Actors(logins=False)
    assert actors.staff.username == LOADER
    grant = services.propose_grant(
        grant=Grant(
            programme=tet(),
            unit=school,
            member=member,
            standard=standard,
            circumstances="Ốm đau dài ngày.",
        ),
        user=actors.officer_of(school),
    )
    services.approve_grant(grant=grant, user=actors.above(school))
    actors.release()

    assert get_user_model().objects.count() == users
    assert not get_user_model().objects.filter(username=LOADER).exists()
    grant.refresh_from_db()
    assert grant.status == GrantStatus.APPROVED
    assert grant.proposed_by is None
    assert grant.reviewed_by is None
    history = grant.history.all()
    assert history.count() == 2
    assert not history.filter(proposed_by__isnull=False).exists()
    assert not history.filter(reviewed_by__isnull=False).exists()


def test_a_mistake_in_the_data_names_the_file_and_the_loan(tmp_path):
    data = (STORIES_FILE.parent.parent.parent / "welfare" / "demo" / "loans.yaml").read_text(
        encoding="utf-8"
    )
    broken = tmp_path / "loans.yaml"
    broken.write_text(data.replace("principal: 40000000", "principal: 140000000", 1))

    with pytest.raises(DemoDataError) as refused:
        load_loans(broken, titles=set(read_titles()))

    assert "loans.yaml, loan 1 “Mua xe máy mới chạy xe ôm công nghệ”" in str(refused.value)
    assert "ceiling" in str(refused.value)


def read_titles():
    return [" ".join(entry["title"].split()) for entry in read_demo_data(STORIES_FILE)["stories"]]
