"""Developer tooling behind tasks.py: audit, benchmarks, the dev server."""
