"""The engine's refusals as API answers: the status comes from the refusal's type, never
from its words (django-oscar's InvalidOrderStatus). The body keeps the Thai message."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError

from ..services.errors import ItemInChain, MoveNotAllowed, NotYourStep, StaleItem
from ..services.transitions import STALE

# The item is not where the request expects it: another move came first, or its
# status does not allow this one.
CONFLICTS = (StaleItem, MoveNotAllowed, ItemInChain)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = STALE
    default_code = "conflict"


def api_refusal(exc: DjangoValidationError) -> APIException:
    """409 for a conflict with the item's state, 403 when the step is not the user's,
    400 for anything else the request lacks (field errors stay keyed by field)."""
    if isinstance(exc, CONFLICTS):
        return Conflict(" ".join(exc.messages))
    if isinstance(exc, NotYourStep):
        return PermissionDenied(" ".join(exc.messages))
    if hasattr(exc, "error_dict"):
        return ValidationError(exc.message_dict)
    return ValidationError({"non_field_errors": exc.messages})
