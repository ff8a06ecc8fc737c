"""The plugin's settings: defined with the import (news_pelican.import_settings), which tooling reads too."""

from news_pelican.import_settings import DEFAULTS, apply_defaults

__all__ = ["DEFAULTS", "apply_defaults"]
