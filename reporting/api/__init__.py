"""The reporting endpoints of /api/v1/."""
