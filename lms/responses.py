def wants_json(request) -> bool:
    """A fetch() from quiz.js or roster.js (or an API client) rather than a browser form."""
    return "application/json" in request.headers.get("Accept", "") or (
        request.content_type == "application/json"
    )
