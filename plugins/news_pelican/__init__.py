"""news_pelican: what several plugins need from Pelican, in one place, so that they never import each other.

- `site`: a site's settings read once (the time zone, where raw articles and imported Markdown live);
- `import_settings`, `parallel`: the importer's and the second core's settings, read by their plugins and by
  tooling alike;
- `importing.import_site`: the one entry point of the import (the `initialized` signal, `invoke import`,
  `invoke build` and the dev server all call it);
- `gaps`: the few places where Pelican offers no public hook, each work-around in one module with a test
  that fails on a Pelican that breaks it (ARCHITECTURE.md: Pelican gaps).

It imports Pelican and news_core; news_core never imports it.
"""
