"""Sigma Authenticator: a desktop TOTP/HOTP authenticator."""

__version__ = "0.1.0"
