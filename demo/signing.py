"""A demo signing key: a self-signed certificate in a PKCS#12 file, for showing what a signed
paper looks like (its verification says the issuer is not a trusted root, as it is not)."""

from __future__ import annotations

import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

DEMO_PASSPHRASE = "demo"


def _signing_usage() -> x509.KeyUsage:
    off = dict.fromkeys(
        ["key_encipherment", "data_encipherment", "key_agreement", "key_cert_sign", "crl_sign",
         "encipher_only", "decipher_only"],
        False,
    )  # fmt: skip
    return x509.KeyUsage(digital_signature=True, content_commitment=True, **off)


def demo_pkcs12(common_name: str) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Dữ liệu mẫu - không có giá trị"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(_signing_usage(), critical=True)
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"demo", key, certificate, None,
        serialization.BestAvailableEncryption(DEMO_PASSPHRASE.encode()),
    )  # fmt: skip
