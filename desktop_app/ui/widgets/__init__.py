"""Widgets of the authenticator window."""
