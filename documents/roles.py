"""What the staff roles may do with the document library (granted in DocumentsConfig.ready())."""

from federation.roles import ADMINISTRATOR, DOCUMENTS_CLERK, crud

# The documents clerk files documents and keeps the lists they are filed under. Files
# can be removed (a wrong scan); documents are withdrawn by making them private.
FILING = (
    crud("documents", "document", "view", "add", "change")
    | crud("documents", "documentfile", "view", "add", "change", "delete")
    | crud("documents", "documenttype", "view", "add", "change")
    | crud("documents", "issuer", "view", "add", "change")
    | crud("documents", "field", "view", "add", "change")
    | crud("documents", "signer", "view", "add", "change")
)

GRANTS = {
    DOCUMENTS_CLERK: FILING,
    ADMINISTRATOR: FILING | {"documents.delete_document"},
}
