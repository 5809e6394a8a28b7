"""Stage 5, export: the graph written to and read from files, one module per format."""
