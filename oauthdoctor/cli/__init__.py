"""Typer command tree: the only place that prints outside the renderers, and the only place that exits."""
