"""The approvals endpoints of /api/v1/."""
