"""Reading bundles: archives and directories member by member (archive.py), member bytes as
text (textio.py, logstream.py), and the source catalog that says which member of which bundle
format is which source, parsed by which parser (catalog.py)."""
