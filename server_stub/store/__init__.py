"""All SQLite access of the stub: schema and migrations, repositories, transactions."""

from server_stub.store.database import Database, Repositories
from server_stub.store.errors import StoreError

__all__ = ["Database", "Repositories", "StoreError"]
