"""The `mcr` command: run the platform on one machine, mint development tokens, load demo data."""
