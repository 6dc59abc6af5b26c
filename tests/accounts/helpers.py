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


def with_totp(user):
    """Set up TOTP for `user`, as the admin's MFA policy demands of staff."""
    import pyotp
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": pyotp.random_base32()}
    )
    return user


def log_in_with_mfa(client, user):
    """Set up TOTP for `user` (the admin's MFA policy demands it) and log `client` in as them.
    allauth's login stages themselves are tested in tests/accounts/test_mfa.py."""
    with_totp(user)
    client.force_login(user)
    client.user = user
    return client


def totp_code(secret: str, step: int) -> str:
    """The TOTP code of a 30-second step (see the totp_clock fixture)."""
    import pyotp

    return pyotp.TOTP(secret).at(step * 30)


# Words that keep their capital inside a sentence-case string.
PROPER_NOUNS = {"Isoko", "I", "Wagtail", "Django", "QR", "TOTP", "PDF"}


def title_case_words(text: str) -> list[str]:
    """Words after the first that are capitalised although not proper nouns or acronyms:
    "Sign In" gives ["In"], "Log in to Isoko" gives []."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    return [
        word
        for word in words[1:]
        if word[0].isupper() and word not in PROPER_NOUNS and not word.isupper()
    ]
