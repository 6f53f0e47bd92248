"""Tags for the M7 partials, so every item page shows the same parts without its view
passing them: why the item was returned."""

from django import template

from ..selectors import last_return

register = template.Library()


@register.simple_tag
def item_last_return(item):
    """The RETURN row of the item's current revision, or None (see selectors.last_return)."""
    return last_return(item)
