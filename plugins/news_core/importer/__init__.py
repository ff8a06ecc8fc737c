"""The importer: `convert(bytes, source) -> Conversion` for one raw file, `import_all(...)` for a folder.

Pure Python with no Pelican import (a test asserts it): decode, parse (text dumps) or parse_html (saved pages),
the Article model, markdown_writer, frontmatter, and sync (the re-import rules).
"""
