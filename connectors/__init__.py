"""Edges: everything that touches the outside (feeds, pages, the log, the store, alert channels)."""
