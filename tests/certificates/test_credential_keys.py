"""The issuer's keyring: keys from the environment, the generated dev file, rotation."""

import json
import multiprocessing
import stat
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command

from certificates.credentials import keys, proof
from certificates.credentials.multibase import encode_public_key, encode_secret_key

ISSUER = "https://isoko.example/certificates/issuer"


def entry(key_id, secret=True):
    key = Ed25519PrivateKey.generate()
    if secret:
        return {"id": key_id, "secretKeyMultibase": encode_secret_key(key)}, key
    return {"id": key_id, "publicKeyMultibase": encode_public_key(key.public_key())}, key


@pytest.fixture
def keyfile(settings, tmp_path):
    settings.ISOKO_CREDENTIAL_KEYS = ""
    settings.ISOKO_CREDENTIAL_KEYFILE = tmp_path / "var" / "credential-keys.json"
    return settings.ISOKO_CREDENTIAL_KEYFILE


# -- environment -------------------------------------------------------------------------------


def test_environment_keys(settings, keyfile):
    new, new_key = entry("2026-11-30T0643")
    old, old_key = entry("2025-01-01T0000", secret=False)
    settings.ISOKO_CREDENTIAL_KEYS = json.dumps([old, new])  # a public-only entry first

    signing = keys.signing_key()
    published = keys.public_keyring()

    assert signing.id == "2026-11-30T0643"  # the first entry with a secret signs
    assert signing.public_key_multibase == encode_public_key(new_key.public_key())
    assert [k.id for k in published] == ["2025-01-01T0000", "2026-11-30T0643"]
    assert all(k.private_key is None for k in published)
    assert published[0].public_key_multibase == encode_public_key(old_key.public_key())
    assert not keyfile.exists()  # no dev file when the environment has keys


def test_environment_with_only_retired_keys_cannot_sign(settings):
    old, _ = entry("2025-01-01T0000", secret=False)
    settings.ISOKO_CREDENTIAL_KEYS = json.dumps([old])
    assert [k.id for k in keys.public_keyring()] == ["2025-01-01T0000"]
    with pytest.raises(keys.KeyringError, match="public-only"):
        keys.signing_key()


@pytest.mark.parametrize(
    "value, message",
    [
        ("[{", "not valid JSON"),
        ("{}", "non-empty JSON list"),
        ("[]", "non-empty JSON list"),
        ('[{"id": "a"}]', "needs secretKeyMultibase or publicKeyMultibase"),
        ('[{"id": "a b", "publicKeyMultibase": "z"}]', "'id' must be"),
        ('[{"id": "a", "secretKeyMultibase": "z6MkjZRZv3ae"}]', "secret key"),
        ('[{"id": "a", "publicKeyMultibase": "nothex"}]', "base58btc"),
    ],
)
def test_bad_environment_keys_are_explained(settings, value, message):
    settings.ISOKO_CREDENTIAL_KEYS = value
    with pytest.raises(keys.KeyringError, match=message):
        keys.public_keyring()


def test_duplicate_ids_and_mismatched_pairs_are_refused(settings):
    one, _ = entry("k1")
    two, _ = entry("k1")
    settings.ISOKO_CREDENTIAL_KEYS = json.dumps([one, two])
    with pytest.raises(keys.KeyringError, match="used twice"):
        keys.signing_key()
    other, _ = entry("k2", secret=False)
    one["publicKeyMultibase"] = other["publicKeyMultibase"]
    settings.ISOKO_CREDENTIAL_KEYS = json.dumps([one])
    with pytest.raises(keys.KeyringError, match="does not match"):
        keys.signing_key()


def test_rotation_is_refused_for_environment_keys(settings):
    new, _ = entry("2026-11-30T0643")
    settings.ISOKO_CREDENTIAL_KEYS = json.dumps([new])
    with pytest.raises(keys.KeyringError) as caught:
        keys.rotate_dev_key()
    message = str(caught.value)
    assert "ISOKO_CREDENTIAL_KEYS" in message
    assert "first" in message and "publicKeyMultibase" in message
    with pytest.raises(CommandError, match="cannot be rotated here"):
        call_command("rotate_credential_key")


# -- dev file ----------------------------------------------------------------------------------


def test_dev_file_is_created_on_first_use_and_private(keyfile):
    assert not keyfile.exists()
    first = keys.signing_key()

    assert keyfile.exists()
    assert stat.S_IMODE(keyfile.stat().st_mode) == 0o600
    assert keys.signing_key().public_key_multibase == first.public_key_multibase
    assert [k.id for k in keys.public_keyring()] == [first.id]
    assert datetime.strptime(first.id, "%Y-%m-%dT%H%M")  # e.g. 2026-11-30T0643
    stored = json.loads(keyfile.read_text())
    assert stored[0]["secretKeyMultibase"] == encode_secret_key(first.private_key)
    assert list(keyfile.parent.glob("*.tmp")) == []


def _first_key(args):
    barrier, _ = args
    barrier.wait()
    return keys.signing_key().public_key_multibase


def test_processes_racing_to_create_the_dev_file_agree(keyfile):
    context = multiprocessing.get_context("fork")
    with context.Manager() as manager:
        barrier = manager.Barrier(6)
        with context.Pool(6) as pool:
            results = pool.map(_first_key, [(barrier, n) for n in range(6)])
    assert len(set(results)) == 1
    assert keys.signing_key().public_key_multibase == results[0]
    assert list(keyfile.parent.glob("*.tmp")) == []


def test_rotation_keeps_the_old_key_published(keyfile):
    first = keys.signing_key()
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": ISSUER,
        "credentialSubject": {"id": "did:example:learner"},
    }
    signed = proof.sign(
        document,
        private_key=first.private_key,
        verification_method=f"{ISSUER}#{first.id}",
        created=datetime(2025, 1, 1, tzinfo=UTC),
    )

    second = keys.rotate_dev_key()
    third = keys.rotate_dev_key()  # twice in the same minute: still distinct ids

    assert keys.signing_key().id == third.id
    assert len({first.id, second.id, third.id}) == 3
    published = keys.public_keyring()
    assert [k.id for k in published] == [third.id, second.id, first.id]
    stored = json.loads(keyfile.read_text())
    assert "secretKeyMultibase" in stored[0]
    assert all(set(e) == {"id", "publicKeyMultibase"} for e in stored[1:])  # retired: no secret
    assert stat.S_IMODE(keyfile.stat().st_mode) == 0o600

    # what signed before rotation still verifies through the published controller document
    controller = proof.controller_document(ISSUER, {k.id: k.public_key for k in published})
    result = proof.verify(
        signed, resolve_key=lambda url: proof.key_from_controller_document(controller, url)
    )
    assert result.ok, result.errors


def test_rotate_command(keyfile, capsys):
    before = keys.signing_key()
    call_command("rotate_credential_key")
    output = capsys.readouterr().out
    after = keys.signing_key()
    assert after.id != before.id
    assert f"New signing key {after.id}" in output
    assert f"Still published for verification: {before.id}." in output


def test_print_new_gives_an_entry_for_the_environment(settings, keyfile, capsys):
    call_command("rotate_credential_key", "--print-new")
    printed = json.loads(capsys.readouterr().out)
    assert not keyfile.exists()  # nothing stored
    settings.ISOKO_CREDENTIAL_KEYS = json.dumps([printed])
    assert keys.signing_key().id == printed["id"]
