"""Sigma-like stub server: accounts, orgs, password login and app-based authentication."""

__version__ = "0.1.0"
