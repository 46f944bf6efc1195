"""Wiring: Beam transforms over the core, pipeline assembly, settings and the CLI."""
