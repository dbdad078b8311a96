"""The rules of congresses, split by job:

- congress.services.core: the derived stage, the checks that read other rows (ordinal
  order, terms that do not overlap, the format a unit's size asks for), saving a congress
  (`save_congress`), handing its elected leadership to the register (`install_leaders`).
- congress.services.delegates: the composition table, delegate caps, import and export.
- congress.services.elections: counting ballots, the results sheet, the first meeting.
- congress.services.season: a grassroots union's own record, submission, review,
  recognition, progress per unit and reminders.
- congress.services.targets: the term's targets and their progress year by year.
"""

from congress.services.core import (
    ALL_MEMBERS_BELOW,
    check_congress,
    install_leaders,
    save_congress,
    stage_of,
    suggested_format,
)

__all__ = [
    "ALL_MEMBERS_BELOW",
    "check_congress",
    "install_leaders",
    "save_congress",
    "stage_of",
    "suggested_format",
]
