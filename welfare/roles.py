"""What the staff roles may do with welfare (granted in WelfareConfig.ready()).

The welfare officer holds the welfare app's permissions and no others: the admin picks
members and units by their number (raw id fields) rather than through the register's
autocompletes, which would need the register's view permissions.
"""

from federation.roles import ADMINISTRATOR, WELFARE_OFFICER, crud

ALL = ("view", "add", "change", "delete")

WELFARE_KEEPING = (
    crud("welfare", "programmekind", *ALL)
    | crud("welfare", "programme", *ALL)
    | crud("welfare", "standardamount", *ALL)
    | crud("welfare", "fundingsource", *ALL)
    | crud("welfare", "quota", *ALL)
    | crud("welfare", "grant", "view", "add", "change")
    | crud("welfare", "grantfile", "view", "delete")
    | crud("welfare", "receipt", "view")
    | crud("welfare", "housingaid", "view", "add", "change")
    | crud("welfare", "housingphoto", *ALL)
    | crud("welfare", "scholarship", "view", "add", "change")
    | crud("welfare", "loanterms", *ALL)
    | crud("welfare", "loan", "view", "add", "change")
    | crud("welfare", "scheduledpayment", "view")
    | crud("welfare", "repayment", "view", "add")
    | crud("welfare", "partner", *ALL)
)

GRANTS = {
    WELFARE_OFFICER: WELFARE_KEEPING,
    ADMINISTRATOR: WELFARE_KEEPING,
}
