"""Python-Markdown extensions for news explainers: figures with credits, pull quotes, typography, word count."""
