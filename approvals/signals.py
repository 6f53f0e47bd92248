"""What the engine tells the floors above it, without importing them."""

from django.dispatch import Signal

# Sent by the engine's one transition when items reach their final approval (single
# moves, bulk approval, imported approvals), inside the transaction, after the item's
# kind froze them: sender is the item model, `items` the approved items, `actor` the user.
# Floors above listen (opendata republishes what the public pages show).
items_approved = Signal()
