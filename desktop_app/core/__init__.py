"""Pure-Python core of the authenticator: no Qt import anywhere below this package."""
