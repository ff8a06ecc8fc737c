"""news_core: the library under the site's plugins. It knows nothing of Pelican.

- `news_core.importer`: raw article (text dump or saved page) -> Article -> Markdown with YAML front matter,
  and the re-import rules that never lose an editor's work;
- `news_core.markdown`: Python-Markdown extensions for the body (figure and pull-quote callouts, typography,
  word count);
- `news_core.files`: atomic writes; `news_core.forked`: the second core, through a forked copy;
- `news_core.services`: the one place plugins offer each other a service (photos) without importing each other.

ARCHITECTURE.md draws the layers: news_core <- news_pelican <- plugins.
"""
