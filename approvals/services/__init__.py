"""Writes of the approvals app, split by topic: notifications, records, transitions."""
