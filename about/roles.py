"""What the staff roles may do with the about pages (granted in AboutConfig.ready())."""

from federation.roles import ADMINISTRATOR, NEWS_EDITOR, ORGANISATION_OFFICER, crud

# The news desk writes the public pages, the week's schedule, the links and banners.
PUBLIC_PAGES = (
    crud("about", "page", "view", "add", "change")
    | crud("about", "scheduleweek", "view", "add", "change", "delete")
    | crud("about", "scheduleitem", "view", "add", "change", "delete")
    | crud("about", "link", "view", "add", "change", "delete")
    | crud("about", "banner", "view", "add", "change", "delete")
)
# The organisation officer keeps the leadership (portraits, responsibilities) and the
# office's departments.
LEADERSHIP = crud("members", "leader", "view", "add", "change") | crud(
    "about", "department", "view", "add", "change", "delete"
)
# The system administrator answers the contact form (and hears of each new message).
INBOX = crud("about", "contactmessage", "view", "change")

GRANTS = {
    NEWS_EDITOR: PUBLIC_PAGES,
    ORGANISATION_OFFICER: LEADERSHIP,
    ADMINISTRATOR: PUBLIC_PAGES | LEADERSHIP | INBOX | crud("about", "page", "delete"),
}
