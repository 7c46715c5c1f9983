from platform_kit import platform  # noqa: F401 (a fixture)
