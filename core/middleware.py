"""Request clean-up that every view relies on."""

from django.http import QueryDict


class StripNulFromQueryMiddleware:
    """Drop NUL characters from query parameters.

    No code, name or text in the product holds a NUL, and PostgreSQL refuses one
    in a query (a server error); dropping it makes such a value simply match
    nothing, for every page and API filter at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
