"""Columnar tables of a corpus and its graph, as Apache Parquet (see :mod:`.schema`)."""
