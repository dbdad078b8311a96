from congress import admin_season  # noqa: F401
