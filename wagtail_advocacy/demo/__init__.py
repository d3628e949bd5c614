"""Demo content for ``advocacy_demo``, one module per domain."""
