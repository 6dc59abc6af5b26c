import re

SIGNUP = {
    "email": "uwase@example.com",
    "full_name": "Aline Uwase",
    "audience": "entrepreneur",
    "organisation": "Huye Coffee",
    "phone": "+250 788 123 456",
    "preferred_language": "fr",
    "password1": "Kigali-coffee-2026!",
    "password2": "Kigali-coffee-2026!",
}


def confirmation_link(message) -> str:
    match = re.search(
        r"https?://[^/\s]+(/(?:[a-z-]+/)?accounts/confirm-email/[^/\s]+/)", message.body
    )
    assert match, message.body
    return match.group(1)
