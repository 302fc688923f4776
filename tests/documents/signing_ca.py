"""A certificate authority the tests make for themselves: a root, an official's signing
certificate in a PKCS#12 file, and a timestamping authority (EC P-256 keys, quick to make;
RSA for the timestamps, as pyHanko's test timestamper wants)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSPHRASE = "mat-khau-ky-so"


@dataclass
class TestCA:
    root_pem: Path
    pkcs12: bytes
    signer_name: str
    tsa_cert: asn1_x509.Certificate
    tsa_key: asn1_keys.PrivateKeyInfo
    root_key: ec.EllipticCurvePrivateKey
    root_name: x509.Name

    def issue(self, public_key, common_name: str) -> x509.Certificate:
        """A signing certificate for a key held elsewhere (a PKCS#11 token)."""
        return _certificate(
            _name(common_name), self.root_name, public_key, self.root_key,
            usage=_usage(digital_signature=True, content_commitment=True),
        )  # fmt: skip


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kiểm thử Thi đua - Khen thưởng"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _certificate(subject, issuer, public_key, issuer_key, *, ca=False, usage=None, eku=None):
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )
    if usage:
        builder = builder.add_extension(x509.KeyUsage(**usage), critical=True)
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _usage(**on) -> dict:
    names = [
        "digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
        "key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only",
    ]  # fmt: skip
    return {name: on.get(name, False) for name in names}


def make_ca(folder: Path, signer_name: str = "Nguyễn Văn Chủ") -> TestCA:
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_name = _name("Root CA kiểm thử")
    root = _certificate(
        root_name, root_name, root_key.public_key(), root_key, ca=True,
        usage=_usage(key_cert_sign=True, crl_sign=True),
    )  # fmt: skip
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _certificate(
        _name(signer_name), root_name, key.public_key(), root_key,
        usage=_usage(digital_signature=True, content_commitment=True),
    )  # fmt: skip
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's test TSA
    tsa = _certificate(
        _name("TSA kiểm thử"), root_name, tsa_key.public_key(), root_key,
        usage=_usage(digital_signature=True), eku=[ExtendedKeyUsageOID.TIME_STAMPING],
    )  # fmt: skip
    root_pem = folder / "roots.pem"
    root_pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    bundle = pkcs12.serialize_key_and_certificates(
        b"ky-so", key, cert, [root],
        serialization.BestAvailableEncryption(PASSPHRASE.encode()),
    )  # fmt: skip
    der = serialization.Encoding.DER
    return TestCA(
        root_pem=root_pem,
        pkcs12=bundle,
        signer_name=signer_name,
        tsa_cert=asn1_x509.Certificate.load(tsa.public_bytes(der)),
        root_key=root_key,
        root_name=root_name,
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            tsa_key.private_bytes(
                der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        ),
    )
