"""Renderers: they turn model objects into text and never decide anything."""
