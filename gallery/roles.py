"""What the staff roles may do with the photo and video library (granted in ready())."""

from federation.roles import ADMINISTRATOR, NEWS_EDITOR, crud

# The news desk keeps the albums and videos, as it keeps the news photos.
LIBRARY = (
    crud("gallery", "album", "view", "add", "change", "delete")
    | crud("gallery", "albumphoto", "view", "add", "change", "delete")
    | crud("gallery", "video", "view", "add", "change", "delete")
)

GRANTS = {
    NEWS_EDITOR: LIBRARY,
    ADMINISTRATOR: LIBRARY,
}
