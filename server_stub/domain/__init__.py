"""The stub's rules: sign-in, sessions, the authenticator app, throttling, mail and audit.

No HTTP and no SQL here: the api package translates requests, the store package holds data.
"""
