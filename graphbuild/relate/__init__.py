"""Stage 3, relate: the document's subject and which instrument acts on which."""
