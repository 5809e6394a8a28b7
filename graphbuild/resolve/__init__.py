"""Stage 2, resolve: citations to one key per real instrument (catalog, years, aliases)."""
