"""Errors the importer reports to editors: always a file, a line where one applies, and a plain reason."""

from __future__ import annotations


class ImportProblem(Exception):
    """A raw article that cannot become a correct article; the message is meant for an editor."""

    def __init__(self, reason: str, line: int | None = None, path: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.path = path

    def located(self, path: str) -> ImportProblem:
        return ImportProblem(self.reason, self.line, path)

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.reason}"
