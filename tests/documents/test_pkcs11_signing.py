"""Signing with a PKCS#11 token, as an official signs with a USB token: a SoftHSM2 token the
test initialises, holding a key made on it and a certificate from the test CA."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pkcs11
import pytest
from cryptography.hazmat.primitives.serialization import Encoding, load_der_public_key
from django.utils import timezone
from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass
from pkcs11.util.rsa import encode_rsa_public_key

from audit.models import AuditEvent
from core.errors import InvalidInput
from nominations.documents.services import document_generate, document_sign
from nominations.models import Nomination
from tests.documents.signing_ca import make_ca
from workflow.services import nominations_approve

SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
PIN, LABEL, TOKEN = "246810", "ky-so-chu-tich", "thidua-test"
pytestmark = pytest.mark.django_db


def _spki(public) -> bytes:
    """The token's RSA public key as a DER SubjectPublicKeyInfo."""
    from asn1crypto.keys import PublicKeyInfo, RSAPublicKey

    rsa = RSAPublicKey.load(encode_rsa_public_key(public))
    return PublicKeyInfo({"algorithm": {"algorithm": "rsa"}, "public_key": rsa}).dump()


@pytest.fixture(scope="session")
def token(tmp_path_factory):
    """One token per test process: the library reads SOFTHSM2_CONF once, when it loads."""
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN,
         "--so-pin", "13579"],
        check=True, capture_output=True,
    )  # fmt: skip
    ca = make_ca(Path(folder))
    session = pkcs11.lib(SOFTHSM).get_token(token_label=TOKEN).open(rw=True, user_pin=PIN)
    try:
        # RSA, as the officials' USB tokens mostly hold; SoftHSM signs it hash-then-sign.
        public, _private = session.generate_keypair(
            KeyType.RSA, 2048, store=True, label=LABEL, id=b"\x01"
        )
        certificate = ca.issue(load_der_public_key(_spki(public)), "Nguyễn Văn Chủ")
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: LABEL,
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: certificate.subject.public_bytes(),
                Attribute.VALUE: certificate.public_bytes(Encoding.DER),
            }
        )
    finally:
        session.close()
    return ca


@pytest.fixture
def on_token(token, settings):
    settings.SIGNING_TRUST_ROOTS = str(token.root_pem)
    settings.SIGNING_TSA_URL = ""
    settings.SIGNING_PKCS11_MODULE = SOFTHSM
    settings.SIGNING_PKCS11_TOKEN = TOKEN
    settings.SIGNING_PKCS11_KEY_LABEL = LABEL
    return token


def test_the_chairman_signs_with_the_token_and_its_pin(world, on_token):
    chairman = world["chairman"]
    decision = nominations_approve(
        nominations=[world.nomination(state=Nomination.State.AWAITING_DECISION)],
        actor=chairman, number="31/QĐ-UBND", issued_on=timezone.localdate(),
    )  # fmt: skip
    paper = document_generate(
        kind="decision", subject_id=decision.pk, actor=chairman, request_id=uuid.uuid4()
    )
    with pytest.raises(InvalidInput, match="thiết bị ký số"):
        document_sign(document=paper, actor=chairman, pin="000000")
    paper.refresh_from_db()
    assert paper.signed_at is None
    signed = document_sign(document=paper, actor=chairman, pin=PIN)
    [check] = signed.signatures
    assert (check["valid"], check["trusted"]) == (True, True)
    assert "Nguyễn Văn Chủ" in check["signer"]
    assert AuditEvent.objects.get(action="document.sign").payload["valid"] is True
