"""Stage 5, export: the graph written to and read from files, one module per format.

``formats`` is the registry (name -> writer, file or folder) that ``write_graph`` and the
command line read; ``flatten`` is what GraphML and GEXF hold; ``nodelink`` reads
``graph.json`` back.  Writers take a path (written atomically) or an open binary file.
"""
