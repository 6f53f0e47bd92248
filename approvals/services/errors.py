"""Why the engine refuses a move or an edit, as types (django-oscar's InvalidOrderStatus).

Each refusal is a ValidationError, so forms and pages show its Thai message
as they show any other; the API maps the type, never the words, to a status
code (`approvals.api.views`). Callers catch the type they can act on.
"""

from django.core.exceptions import ValidationError


class Refusal(ValidationError):
    """The engine refused; the message says why in Thai."""


class StaleItem(Refusal):
    """The item moved since the user saw it (another approver was first)."""


class MoveNotAllowed(Refusal):
    """The move is not allowed from the item's status (the ALLOWED_FROM table)."""


class NotYourStep(Refusal):
    """The user holds no role that may make this move on this item now."""


class NotSubmittable(Refusal):
    """The item lacks what must hold before it goes up the chain."""


class ChecklistIncomplete(Refusal):
    """At the ป.ย.ป. check step, not every box of the checklist was ticked."""


class ItemInChain(Refusal):
    """The item waits in the chain: it cannot be edited until returned or withdrawn."""
