"""Many reviewers approving at the same moment end exactly at the quota and the budget.

Row locks are PostgreSQL's: SQLite lets one writer at a time anyway (and answers a second
with "database is locked" instead of waiting), so these run on PostgreSQL only.
"""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection

from tests.welfare.factories import make_member, make_officer, make_programme, make_tree, propose
from welfare import services
from welfare.models import Grant, GrantStatus

THREADS = 20


def approve_all_at_once(grant_ids, officer_id) -> list[str]:
    """Each grant approved by its own thread (its own connection), all released together."""
    barrier = threading.Barrier(len(grant_ids))
    outcomes = [None] * len(grant_ids)

    def approve(index, grant_id):
        try:
            officer = get_user_model().objects.get(pk=officer_id)
            grant = Grant.objects.select_related("unit").get(pk=grant_id)
            barrier.wait(timeout=30)
            services.approve_grant(grant=grant, user=officer)
            outcomes[index] = "approved"
        except ValidationError:
            outcomes[index] = "refused"
        except Exception as error:  # what must never happen: recorded, shown by the assert
            outcomes[index] = f"{type(error).__name__}: {error}"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(index, grant_id))
        for index, grant_id in enumerate(grant_ids)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are tested on PostgreSQL (SQLite serialises writers by itself)",
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("limit", ["quota", "budget"])
def test_simultaneous_approvals_end_exactly_at_the_limit(limit):
    tree = make_tree()
    staff = get_user_model().objects.create_superuser("quantri.dongthoi", "", "x-Mật-khẩu-2026")
    # Seven gifts of 1.000.000 đồng: by a quota of 7 suất, or by a budget of 7.000.000 đồng.
    budget = 7_000_000 if limit == "budget" else 100_000_000
    programme = make_programme(
        tree.province, name=f"Tết Sum vầy ({limit})", budget=budget, user=staff
    )
    ward = make_officer("lo.thi.huong", tree.ward)
    school = make_officer("lo.van.thang", tree.school)
    if limit == "quota":
        services.hand_out_quota(programme=programme, unit=tree.ward, places=7, user=staff)
    grant_ids = [
        propose(
            programme,
            tree.school,
            make_member(tree.school, f"Lò Văn Thắng {index}", national_id=f"0110850{index:05d}"),
            user=school,
        ).pk
        for index in range(THREADS)
    ]

    outcomes = approve_all_at_once(grant_ids, ward.pk)

    assert sorted(set(outcomes)) == ["approved", "refused"], outcomes
    assert outcomes.count("approved") == 7
    approved = Grant.objects.filter(programme=programme, status=GrantStatus.APPROVED)
    assert approved.count() == 7
    assert services.programme_totals(programme)["amount"] == 7_000_000
