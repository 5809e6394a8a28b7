"""Views for people: documents with their citations highlighted."""
