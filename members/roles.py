"""What the staff roles may do with the register (granted in MembersConfig.ready())."""

from federation.roles import ADMINISTRATOR, ORGANISATION_OFFICER, crud

# The organisation officer keeps the register and runs the reporting rounds.
REGISTER_KEEPING = (
    crud("members", "unitkind", "view", "add", "change")
    | crud("members", "unit", "view", "add", "change")
    | crud("members", "unitmove", "view")
    | crud("members", "member", "view", "add", "change")
    | {"members.export_member"}
    | crud("members", "membershipevent", "view")
    | crud("members", "officer", "view", "add", "change", "delete")
    | crud("members", "reportperiod", "view", "add", "change")
    | crud("members", "report", "view", "change")
    | crud("members", "reportattachment", "view")
    | crud("members", "personaldataexport", "view")
    | crud("members", "duplicateattempt", "view")
    | crud("members", "leader", "view")
)

GRANTS = {
    ORGANISATION_OFFICER: REGISTER_KEEPING,
    ADMINISTRATOR: REGISTER_KEEPING,
}
