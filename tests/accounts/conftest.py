import pytest


@pytest.fixture
def totp_clock(monkeypatch):
    """allauth's TOTP clock pinned to one 30-second step (``totp_clock.step``; move it to go on),
    so that a test never straddles two steps. Codes: tests.accounts.helpers.totp_code."""
    import time

    from allauth.mfa.totp.internal import auth as totp_auth

    class Clock:
        step = int(time.time()) // 30

    clock = Clock()
    monkeypatch.setattr(totp_auth, "yield_hotp_counters_from_time", lambda: iter([clock.step]))
    return clock
