"""The ground floor: what every app stands on and that knows no app.

The one clock, the fiscal calendar, Thai dates and digits, Excel and table
reading, validation, the date widget, the append-only guard, the transactional
outbox and the shared API pieces. Nothing here imports another app of the
product (the import contract in pyproject.toml keeps it so).
"""
