"""Data, not code: feeds, demo, alert rules, index templates."""
