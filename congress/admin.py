from congress import admin_delegates, admin_elections, admin_season  # noqa: F401
