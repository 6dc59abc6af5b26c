"""Checking request bodies against the contract's field rules, collecting every error at once.

Unknown fields are refused rather than ignored: a client that misspells ``trading_name`` should
hear about it at once, not discover an empty field on the live store (the real seller APIs this
contract is modelled on do the same).
"""

from __future__ import annotations

import re

LANGUAGES = ("en", "fr", "zh")
# [0-9] and \Z, not \d and $: \d matches any Unicode digit and $ a trailing newline.
USD = re.compile(r"^[0-9]{1,9}(\.[0-9]{1,2})?\Z")
HS_CODE = re.compile(r"^[0-9]{6}\Z")
MAX_TEXT = 5000


def is_digits(value: str) -> bool:
    """ASCII digits only: str.isdigit() is also true for "²", which int() refuses."""
    return value.isascii() and value.isdigit()


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or {}


def text(value, required):
    if not isinstance(value, str):
        return None, "must be a string"
    value = value.strip()
    if required and not value:
        return None, "is required"
    if len(value) > MAX_TEXT:
        return None, f"must be at most {MAX_TEXT} characters"
    return value, None


def _email(value, required):
    value, error = text(value, required)
    if not error and value and (len(value) > 254 or not re.match(r"^[^@\s]+@[^@\s]+$", value)):
        error = "must be an e-mail address"
    return value, error


def _url(value, required):
    if value is None:
        value = ""
    value, error = text(value, required)
    if not error and value and not value.startswith(("http://", "https://")):
        error = "must be an http(s) URL"
    return value, error


def _i18n(value, required):
    if not isinstance(value, dict):
        return None, "must be an object with en, fr and zh strings"
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        return None, f"unknown language(s): {', '.join(unknown)} (use en, fr, zh)"
    if not all(isinstance(v, str) for v in value.values()):
        return None, "every language's text must be a string"
    return {lang: value.get(lang, "").strip() for lang in LANGUAGES}, None


def _int(minimum):
    def check(value, required):
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            return None, f"must be a whole number >= {minimum}"
        return value, None

    return check


def _price(value, required):
    if not isinstance(value, dict) or set(value) != {"rwf", "usd"}:
        return None, 'must be {"rwf": integer, "usd": "decimal string"}'
    rwf, usd = value["rwf"], value["usd"]
    if not isinstance(rwf, int) or isinstance(rwf, bool) or rwf < 0:
        return None, "rwf must be a whole number >= 0"
    if not isinstance(usd, str) or not USD.match(usd):
        return None, 'usd must be a decimal string such as "9.50"'
    return {"rwf": rwf, "usd": usd}, None


def _hs_code(value, required):
    value, error = text(value, required)
    if not error and value and not HS_CODE.match(value):
        error = "must be 6 digits"
    return value, error


def _strings(value, required):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None, "must be a list of strings"
    if len(value) > 50:
        return None, "must have at most 50 items"
    return [v.strip() for v in value], None


STORE_FIELDS = {
    "trading_name": (text, True),
    "legal_name": (text, True),
    "registration_number": (text, False),
    "tin": (text, False),
    "district": (text, False),
    "sector": (text, False),
    "contact_phone": (text, False),
    "contact_email": (_email, False),
    "description": (_i18n, False),
    "logo_url": (_url, False),
    "banner_url": (_url, False),
}
STORE_DEFAULTS = {
    "registration_number": "",
    "tin": "",
    "district": "",
    "sector": "",
    "contact_phone": "",
    "contact_email": "",
    "description": dict.fromkeys(LANGUAGES, ""),
    "logo_url": "",
    "banner_url": "",
}
PRODUCT_FIELDS = {
    "title": (text, True),
    "description": (text, False),
    "category": (text, False),
    "price": (_price, True),
    "min_order_quantity": (_int(1), False),
    "stock": (_int(0), False),
    "unit": (text, False),
    "hs_code": (_hs_code, False),
    "origin_district": (text, False),
    "image_urls": (_strings, False),
    "certifications": (_strings, False),
}
PRODUCT_DEFAULTS = {
    "description": "",
    "category": "",
    "min_order_quantity": 1,
    "stock": 0,
    "unit": "",
    "hs_code": "",
    "origin_district": "",
    "image_urls": [],
    "certifications": [],
}


def clean(body, fields: dict, *, key_field: str, create: bool) -> dict:
    """Return the checked values of ``body``; raise a 400 listing every bad field.

    ``key_field`` (external_id or sku) is required on create and immutable afterwards.
    """
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_body", "The body must be a JSON object.")
    errors: dict[str, list[str]] = {}
    cleaned: dict = {}
    for name, value in body.items():
        if name == key_field:
            if not create:
                errors[name] = ["cannot be changed"]
                continue
            value, error = text(value, True)
            if not error and len(value) > 200:
                error = "must be at most 200 characters"
        elif name in fields:
            check, required = fields[name]
            value, error = check(value, required)
        else:
            errors[name] = ["unknown or read-only field"]
            continue
        if error:
            errors[name] = [error]
        else:
            cleaned[name] = value
    if create:
        required = [key_field] + [n for n, (_, req) in fields.items() if req]
        for name in required:
            if name not in body:
                errors.setdefault(name, ["is required"])
    if errors:
        raise ApiError(400, "validation_failed", "Some fields are not valid.", errors)
    return cleaned
