"""What the staff roles may do with the legal questions (granted in QaConfig.ready())."""

from federation.roles import ADMINISTRATOR, LEGAL_ADVISER, crud

# The legal advisers read the questions, answer, edit them for publication and publish;
# they keep the topics, and see the document library to cite it (the admin's autocomplete).
ADVISING = (
    crud("qa", "question", "view", "change", "publish")
    | crud("qa", "topic", "view", "add", "change")
    | crud("qa", "rating", "view")
    | crud("documents", "document", "view")
)

GRANTS = {
    LEGAL_ADVISER: ADVISING,
    ADMINISTRATOR: ADVISING | crud("qa", "question", "delete") | crud("qa", "topic", "delete"),
}
