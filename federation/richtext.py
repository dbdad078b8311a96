"""What staff's rich text may hold, written once for every app's editor fields.

The editor (django-prose-editor) offers exactly these extensions and its sanitiser (nh3,
through ProseEditorField(sanitize=True)) keeps exactly what they make: text with its
structure, links of the safe kinds, tables. No images: an app whose text carries pictures
(the news) adds its own extensions to this set.
"""

TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}
