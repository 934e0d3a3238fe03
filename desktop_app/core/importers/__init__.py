"""Importers of foreign export formats, one module per format."""
