"""Stage 4, graph: the NetworkX graph of documents, instruments and bodies, and its analysis."""
