"""Stage 0, read: corpora (files, folders, JSONL) into documents, and the parallel map over them."""
