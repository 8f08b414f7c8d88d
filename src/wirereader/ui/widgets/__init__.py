"""Small self-contained widgets, one per module."""
