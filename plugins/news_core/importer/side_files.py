"""The files the import writes beside an edited article, which no page shows: NAME.md.new, a fresh import
waiting for the editor to take it or merge it, and NAME.md.old (NAME.md.old2, ...), the edited version that
`invoke import --accept` kept. Builds ignore them: Pelican never reads or publishes them (news_import adds
PATTERNS to IGNORE_FILES), and one that comes, changes or goes changes no page (news_cache, tooling)."""

from __future__ import annotations

import fnmatch
import os

FRESH_IMPORT_SUFFIX = ".new"
EDITED_BACKUP_SUFFIX = ".old"
# as Pelican's IGNORE_FILES matches a file's name
PATTERNS = (f"*.md{FRESH_IMPORT_SUFFIX}", f"*.md{EDITED_BACKUP_SUFFIX}*")


def is_side_file(path: str) -> bool:
    name = os.path.basename(path)
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in PATTERNS)
