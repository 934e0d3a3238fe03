"""Dialogs of the authenticator window."""
