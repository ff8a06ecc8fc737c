"""Python-Markdown extensions for news explainers: figures with credits and pull quotes."""
