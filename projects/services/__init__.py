"""Writes to projects and reference data, split by topic."""
