"""The Sigma account panel: sign in to the Sigma(-like) server, enrol this app, disable it."""
