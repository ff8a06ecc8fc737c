"""`invoke bench`: a generated newsroom-sized corpus, our build against plain Pelican, a table and JSON."""
