"""Stage 1, parse: find every citation in a text, with exact offsets and metadata."""
