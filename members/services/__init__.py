"""The register's services, split by job; `from members import services` reaches them all.

- members.services.units: the tree and its leaders (save_unit, move_unit, install_leadership).
- members.services.members: members' lives, imports and the export log.
- members.services.reports: reporting periods, reports, review, reminders and mails.
- members.services.exports: member exports too large for the request, prepared by a task.
- members.services.figures: the register's counts and the progress of a reporting round.

Who may act on which unit is not here: it is members.scope, which these call.
"""

from members.services.exports import (
    export_description,
    export_name,
    goes_to_background,
    purge_prepared_exports,
    request_export,
)
from members.services.figures import (
    FIGURE_KEYS,
    ReportFigureSource,
    children_figures,
    counts_by_unit,
    figure_sources,
    member_figures,
    progress_by_child,
    progress_by_period,
    register_figures,
    register_report_source,
    report_progress,
    subtree_figures,
    unit_figures,
)
from members.services.members import (
    NEEDS_STAFF,
    NUMBER_FIELDS,
    PENDING_IMPORTS,
    admit_member,
    discard_pending_import,
    held_elsewhere,
    import_members,
    log_export,
    mark_left,
    pending_import_name,
    purge_pending_imports,
    transfer_member,
    update_member,
)
from members.services.reports import (
    MAX_ATTACHMENTS,
    accept_report,
    attach_to_report,
    changed_figures,
    follow_register,
    follows_register,
    is_own_submission,
    may_edit_report,
    may_review,
    open_period,
    remind_missing,
    remove_attachment,
    return_report,
    save_report,
    submit_report,
)
from members.services.units import install_leadership, move_unit, save_unit

__all__ = [
    "FIGURE_KEYS",
    "MAX_ATTACHMENTS",
    "NEEDS_STAFF",
    "NUMBER_FIELDS",
    "PENDING_IMPORTS",
    "ReportFigureSource",
    "accept_report",
    "admit_member",
    "attach_to_report",
    "changed_figures",
    "children_figures",
    "counts_by_unit",
    "discard_pending_import",
    "export_description",
    "export_name",
    "figure_sources",
    "follow_register",
    "follows_register",
    "goes_to_background",
    "held_elsewhere",
    "import_members",
    "install_leadership",
    "is_own_submission",
    "log_export",
    "mark_left",
    "may_edit_report",
    "may_review",
    "member_figures",
    "move_unit",
    "open_period",
    "pending_import_name",
    "progress_by_child",
    "progress_by_period",
    "purge_pending_imports",
    "purge_prepared_exports",
    "register_figures",
    "register_report_source",
    "remind_missing",
    "remove_attachment",
    "report_progress",
    "request_export",
    "return_report",
    "save_report",
    "save_unit",
    "submit_report",
    "subtree_figures",
    "transfer_member",
    "unit_figures",
    "update_member",
]
