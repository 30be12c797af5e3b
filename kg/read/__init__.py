"""Read: files, folders, saved web pages and JSONL become Documents (ingest; encoding, pages).
May import: the shared modules (kg.document, kg.errors, kg.paths, kg.util); nothing of spaCy, of RDF or of a later stage."""
