"""The store's one error type: a database that cannot be used as it is."""


class StoreError(Exception):
    """The database or the key file cannot be opened or does not fit this program."""
