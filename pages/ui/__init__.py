"""Shared UI pieces of the pages, one module per concern."""
