"""Raw request bodies: the marketplace's webhooks (unsigned and correctly signed but strange),
the quiz autosave's JSON, and the credential checker's pasted JSON."""

from __future__ import annotations

import json
import time

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from marketplace_link.client import sign
from tests.fuzz.checks import assert_safe
from tests.fuzz.strategies import NASTY, PROFILE, integers, text, value
from tests.fuzz.world import client_for

pytestmark = pytest.mark.django_db

BODIES = ["marketplace_webhook", "lms_autosave"]  # the names test_coverage.py counts as fuzzed
KEY_ID, SECRET = "isoko-hooks", "webhook-secret-for-fuzz"
EVENT_TYPES = ["store.status_changed", "listing.approved", "listing.rejected", "order.created"]

# Any JSON: scalars of every kind (NUL and markers in strings), nested a little.
scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(), value)
anything = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=12,
)
# Webhook data with the keys the handlers read, each of any shape.
DATA_KEYS = ["store_id", "external_id", "status", "reason", "sku", "product_id", "created_at",
             "order_id", "items", "total"]  # fmt: skip
event = st.fixed_dictionaries(
    {
        "id": st.one_of(value, integers, st.sampled_from(NASTY)),
        "type": st.one_of(st.sampled_from(EVENT_TYPES), text),
        "sequence": st.one_of(st.integers(-5, 2**70), value, st.none()),
        "data": st.one_of(st.dictionaries(st.sampled_from(DATA_KEYS), anything), anything),
    },
    optional={"created_at": value},
)


def signed_post(client, body: bytes):
    path = reverse("marketplace_webhook")
    timestamp = str(int(time.time()))
    return client.post(
        path,
        body,
        content_type="application/json",
        headers={
            "X-Key-Id": KEY_ID,
            "X-Timestamp": timestamp,
            "X-Signature": sign(SECRET, timestamp, "POST", path, body),
        },
    )


@pytest.fixture
def webhook_keys(settings):
    settings.ISOKO_MARKETPLACE_KEY_ID = KEY_ID
    settings.ISOKO_MARKETPLACE_SECRET = SECRET


def test_unsigned_or_badly_signed_webhooks_are_refused_with_a_400(webhook_keys, db):
    client = Client()
    path = reverse("marketplace_webhook")
    headers = st.fixed_dictionaries(
        {},
        optional={
            "X-Key-Id": st.one_of(
                st.just(KEY_ID), text.map(lambda s: s.encode().decode("latin-1"))
            ),
            "X-Timestamp": st.one_of(integers, text.map(lambda s: s.encode().decode("latin-1"))),
            "X-Signature": st.one_of(
                text.map(lambda s: s.encode().decode("latin-1")), st.just("0" * 64)
            ),  # fmt: skip
        },
    )

    @PROFILE
    @given(body=st.binary(max_size=2000), headers=headers)
    def drawn(body, headers):
        headers = {k: v.replace("\r", "").replace("\n", "") for k, v in headers.items()}
        response = client.post(path, body, content_type="application/json", headers=headers)
        assert_safe(response, f"webhook {headers!r:.200} {body!r:.200}")
        assert response.status_code == 400

    drawn()


def test_signed_webhooks_of_any_shape_answer_below_500(webhook_keys, world):
    client = Client()
    store = world.store
    known = {
        "store_id": store.marketplace_store_id,
        "external_id": str(store.application.public_id),
    }

    def one(body: bytes):
        response = signed_post(client, body)
        assert_safe(response, f"signed webhook {body!r:.300}")
        assert response.status_code < 500

    for raw in [b"", b"null", b"[]", b"{", b'"\\u0000"', b"\xff\xfe", json.dumps(NASTY).encode()]:
        one(raw)
    for nasty in NASTY:
        for kind in EVENT_TYPES:
            data = {**known, "status": nasty, "reason": nasty}
            one(json.dumps({"id": nasty, "type": kind, "sequence": 1, "data": data}).encode())
            data = dict.fromkeys(DATA_KEYS, nasty)
            event_id = f"ev-{kind}-{len(nasty)}"
            one(json.dumps({"id": event_id, "type": kind, "sequence": 2, "data": data}).encode())

    @PROFILE.__class__(PROFILE, max_examples=PROFILE.max_examples * 8)
    @given(event)
    def drawn(body):
        if isinstance(body.get("data"), dict) and body["data"].get("store_id") == "known":
            body["data"].update(known)
        one(json.dumps(body).encode())

    drawn()


def test_quiz_autosave_takes_any_body(world):
    client = client_for(world, "learner")
    path = reverse("lms_autosave", args=[world.attempt.public_id])
    question_ids = (
        [entry["id"] for entry in world.attempt.questions]
        if isinstance(world.attempt.questions, list)
        else []
    )

    def one(body: bytes):
        response = client.post(path, body, content_type="application/json")
        if response.status_code == 429:
            from tests.conftest import _clear_cache

            _clear_cache()
            response = client.post(path, body, content_type="application/json")
        assert_safe(response, f"autosave {body!r:.300}")

    for raw in [b"", b"null", b"{", b'{"answers": null}', b'{"answers": "\\u0000"}', b"\xff"]:
        one(raw)
    answer_keys = st.one_of(st.sampled_from(question_ids), text) if question_ids else text

    @PROFILE.__class__(PROFILE, max_examples=PROFILE.max_examples * 8)
    @given(st.dictionaries(answer_keys, anything, max_size=5))
    def drawn(answers):
        one(json.dumps({"answers": answers}).encode())

    drawn()


def test_the_credential_checker_takes_any_json(db):
    client = Client()
    path = reverse("certificates:verify_credential")

    def one(pasted: str):
        response = client.post(path, {"credential": pasted})
        assert_safe(response, f"credential {pasted!r:.300}")

    @PROFILE.__class__(PROFILE, max_examples=PROFILE.max_examples * 4)
    @given(anything)
    def drawn(document):
        one(json.dumps(document))

    drawn()
