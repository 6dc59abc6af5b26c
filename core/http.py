def varies_on(request, *headers: str) -> None:
    """Record that the response to ``request`` depends on these request headers.

    config.negotiation.VaryMiddleware puts them in the response's Vary header, whatever response
    goes out (an error page raised later included), so a shared cache never hands one visitor's
    answer to another who asked differently.
    """
    request.varies_on = set(getattr(request, "varies_on", ())) | set(headers)


def wants_json(request) -> bool:
    """A fetch() from quiz.js or roster.js (or an API client) rather than a browser form."""
    varies_on(request, "Accept")
    return "application/json" in request.headers.get("Accept", "") or (
        request.content_type == "application/json"
    )
