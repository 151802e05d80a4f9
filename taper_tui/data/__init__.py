"""Packaged data: drugs.yaml (cited drug facts)."""
