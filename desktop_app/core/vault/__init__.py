"""Encrypted vault: on-disk format, crypto and repository (placeholder until the vault lands)."""
