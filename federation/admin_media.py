"""Admin pages whose widgets need inline code under the Content-Security-Policy."""

from django import forms
from js_asset import Media

# The editor (Tiptap) injects one fixed <style> element; this is the hash of exactly
# that stylesheet, so the policy allows it and nothing else. A browser test fails on
# the console error if an upgrade of django-prose-editor changes it.
EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"

# The portal's additions to the editor, after its own files: the toolbar in the admin's
# language (js/admin-editor.js) and a glyph the admin's fonts lack (css/admin-editor.css).
EDITOR_ADDITIONS = forms.Media(css={"all": ["css/admin-editor.css"]}, js=["js/admin-editor.js"])


class RichTextAdminMixin:
    """Let the rich-text editor run on this model's change form, without 'unsafe-inline'.

    Its modules load through a `<script type="importmap">`, which runs with the nonce
    django-csp issues for this response; its stylesheet is allowed by its hash.
    """

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = Media.from_media(
            context["media"] + EDITOR_ADDITIONS, nonce=request.csp_nonce
        )
        response = super().render_change_form(request, context, *args, **kwargs)
        response._csp_update = {"style-src": [EDITOR_STYLE_HASH]}
        return response
