"""The admin window's widgets: they show and ask; the controllers decide."""
