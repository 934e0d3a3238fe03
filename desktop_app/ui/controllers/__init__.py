"""Controllers: the window's behaviour, between the widgets and the core."""
