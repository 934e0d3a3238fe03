"""The stub's admin window (PySide6): sign in as an org admin, see and reset users' authenticator
apps, read the audit and, in dev mode, the outbox. It speaks only the HTTP contract, through
the desktop app's SigmaClient.

Entry points: `open_admin_window(server_url, parent_app)` inside a running QApplication, and
`main(argv)` for `sigma-stub admin`. Both live in server_stub.admin.app.
"""
