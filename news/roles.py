"""What the staff roles may do with news (granted in NewsConfig.ready())."""

from federation.roles import ADMINISTRATOR, NEWS_APPROVER, NEWS_EDITOR, crud

# Editors write, submit and illustrate articles; they read categories and tags.
WRITING = (
    crud("news", "article", "view", "add", "change")
    | crud("news", "photo", "view", "add", "change", "delete")
    | crud("news", "tag", "view", "add")
    | crud("news", "category", "view")
    | crud("news", "comment", "view")
    | crud("news", "errorreport", "view")
)
# Approvers also publish, return, feature, moderate comments and keep the categories.
APPROVING = (
    WRITING
    | {"news.publish_article", "news.delete_article"}
    | crud("news", "category", "add", "change")
    | crud("news", "tag", "change", "delete")
    | crud("news", "comment", "change", "delete")
    | crud("news", "errorreport", "change")
    | crud("news", "newspreferences", "view", "change")
)

GRANTS = {
    NEWS_EDITOR: WRITING,
    NEWS_APPROVER: APPROVING,
    ADMINISTRATOR: APPROVING,
}
