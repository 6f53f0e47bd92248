"""Tags for the M7 partials, so every item page shows the same parts without its view
passing them: the ป.ย.ป. checklist of the item's kind, and why the item was returned."""

from django import template

from ..forms import ChecklistForm
from ..items import kind_of
from ..selectors import last_return

register = template.Library()


@register.simple_tag
def item_checklist(item) -> ChecklistForm:
    """The check boxes of the item's kind (a project's, a report's, a plan's)."""
    return ChecklistForm(kinds=[kind_of(item)])


@register.simple_tag
def item_last_return(item):
    """The RETURN row of the item's current revision, or None (see selectors.last_return)."""
    return last_return(item)
