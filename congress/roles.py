"""What the staff roles may do with congresses (granted in CongressConfig.ready())."""

from federation.roles import (
    ADMINISTRATOR,
    CONGRESS_SECRETARY,
    NEWS_APPROVER,
    NEWS_EDITOR,
    crud,
)

ALL = ("view", "add", "change", "delete")

# The congress secretary keeps congresses, seasons and everything recorded about them.
CONGRESS_KEEPING = (
    crud("congress", "season", *ALL)
    | crud("congress", "congress", *ALL)
    | crud("congress", "session", *ALL)
    | crud("congress", "subcommittee", *ALL)
    | crud("congress", "subcommitteetask", *ALL)
    | crud("congress", "congressdocument", *ALL)
    | crud("congress", "congressfile", "view", "delete")
    | crud("congress", "delegatecap", *ALL)
    | crud("congress", "delegate", *ALL)
    | crud("congress", "guest", *ALL)
    | crud("congress", "ballot", *ALL)
    | crud("congress", "candidate", *ALL)
    | crud("congress", "position", *ALL)
    | crud("congress", "target", *ALL)
    | crud("congress", "targetprogress", *ALL)
    | crud("congress", "seasonreminder", "view")
    # to pick the congress's documents, its unit and link its articles
    | crud("documents", "document", "view")
    | crud("members", "unit", "view")
    | crud("members", "unitkind", "view")
)

# An article names its congress: the news desk picks it from the list (autocomplete).
NAMING_CONGRESSES = crud("congress", "congress", "view")

GRANTS = {
    CONGRESS_SECRETARY: CONGRESS_KEEPING,
    ADMINISTRATOR: CONGRESS_KEEPING,
    NEWS_EDITOR: NAMING_CONGRESSES,
    NEWS_APPROVER: NAMING_CONGRESSES,
}
