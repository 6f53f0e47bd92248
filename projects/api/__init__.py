"""The projects endpoints of /api/v1/."""
