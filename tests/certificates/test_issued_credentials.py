"""The credential of an issued certificate: verifies, tampering fails, revocation shows, the
issuer's documents are published, and a rotated key keeps verifying old credentials."""

import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from certificates.credentials import status_list
from certificates.services import certificate_revoke
from certificates.verification import credential_verify

pytestmark = pytest.mark.django_db


def test_a_fresh_credential_is_valid(issued):
    result = credential_verify(issued.credential)
    assert result.status == "valid", result.errors
    assert result.checks == {"signature": True, "issuer": True, "status": True}


def test_credential_names_the_learner_course_and_status_entry(issued):
    credential = issued.credential
    subject = credential["credentialSubject"]
    assert {"identityType": "name", "identityHash": "Éric Ngabo Uwimana"}.items() <= subject[
        "identifier"
    ][0].items()
    assert subject["achievement"]["name"] == "Selling coffee online"
    assert credential["credentialStatus"]["statusListIndex"] == str(issued.status_index)
    assert credential["id"].endswith(reverse("certificates:verify", args=[issued.code]))
    assert "eric@example.com" not in json.dumps(credential)


@pytest.mark.parametrize(
    "path, value",
    [
        (("credentialSubject", "identifier", 0, "identityHash"), "Mallory"),
        (("credentialSubject", "achievement", "name"), "Advanced trade law"),
        (("validFrom",), "2020-01-01T00:00:00Z"),
        (("issuer", "name"), "Another academy"),
        (("credentialStatus", "statusListIndex"), "7"),
    ],
)
def test_changing_a_field_breaks_the_signature(issued, path, value):
    tampered = copy.deepcopy(issued.credential)
    target = tampered
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    result = credential_verify(tampered)
    assert result.status == "invalid"
    assert result.checks["signature"] is False


def test_revocation_is_reported_through_the_status_list(issued):
    certificate_revoke(certificate=issued, actor=None, reason="Fraud")
    result = credential_verify(issued.credential)
    assert result.status == "revoked"
    assert result.checks["signature"] is True


def test_status_list_is_a_signed_bitstring_credential(client, issued):
    certificate_revoke(certificate=issued, actor=None, reason="Fraud")
    document = client.get(reverse("certificates:status_list", args=[issued.status_list])).json()
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    encoded = document["credentialSubject"]["encodedList"]
    assert status_list.is_set(encoded, issued.status_index)
    assert not status_list.is_set(encoded, issued.status_index ^ 1)
    assert document["proof"]["cryptosuite"] == "eddsa-rdfc-2022"


def test_issuer_profile_publishes_its_keys(client, issued):
    document = client.get(reverse("certificates:issuer")).json()
    method = issued.credential["proof"]["verificationMethod"]
    assert document["id"] == method.split("#")[0]
    (key,) = [m for m in document["verificationMethod"] if m["id"] == method]
    assert key["type"] == "Multikey" and key["controller"] == document["id"]
    assert method in document["assertionMethod"]
    key_id = method.split("#")[1]
    single = client.get(reverse("certificates:issuer_key", args=[key_id])).json()
    assert single["publicKeyMultibase"] == key["publicKeyMultibase"]
    assert client.get(reverse("certificates:issuer_key", args=["nope"])).status_code == 404


def test_rotated_keys_stay_published_and_old_credentials_verify(issued, completion, settings):
    from certificates.credentials import keys

    old_method = issued.credential["proof"]["verificationMethod"]
    keys.rotate_dev_key()
    from certificates.credential import credential_sign, credential_unsigned

    fresh = credential_sign(credential_unsigned(issued))
    assert fresh["proof"]["verificationMethod"] != old_method
    assert credential_verify(issued.credential).status == "valid"
    assert credential_verify(fresh).status == "valid"


def test_verify_command(tmp_path, issued, capsys):
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(issued.credential))
    call_command("verify_credential", str(path))
    assert "status: valid" in capsys.readouterr().out
    tampered = copy.deepcopy(issued.credential)
    tampered["name"] = "Something else"
    path.write_text(json.dumps(tampered))
    with pytest.raises(CommandError, match="invalid"):
        call_command("verify_credential", str(path))
    path.write_text("{not json")
    with pytest.raises(CommandError, match="not JSON"):
        call_command("verify_credential", str(path))


def test_verify_endpoint_json_and_form(client, issued):
    url = reverse("certificates:verify_credential")
    ok = client.post(url, data=json.dumps(issued.credential), content_type="application/json")
    assert ok.json()["status"] == "valid"
    tampered = copy.deepcopy(issued.credential)
    tampered["credentialSubject"]["achievement"]["name"] = "Forged"
    assert (
        client.post(url, data=json.dumps(tampered), content_type="application/json").json()["valid"]
        is False
    )
    bad = client.post(url, data="{oops", content_type="application/json")
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_json"
    form = client.post(url, {"credential": json.dumps(issued.credential)})
    assert "The signature is good, Isoko issued it" in form.content.decode()
    empty = client.post(url, {"credential": ""})
    assert "Paste a credential or choose a file." in empty.content.decode()


def test_a_credential_from_another_issuer_is_refused(issued):
    forged = copy.deepcopy(issued.credential)
    forged["proof"]["verificationMethod"] = "https://evil.example/issuer#key"
    result = credential_verify(forged)
    assert result.status == "invalid" and not result.checks["signature"]
