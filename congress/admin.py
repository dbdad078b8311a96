from congress import admin_delegates, admin_elections  # noqa: F401
