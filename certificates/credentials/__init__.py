"""Verifiable-credential machinery for certificates: no models, no network.

- ``loader``: the offline JSON-LD document loader (contexts shipped in ``contexts/``);
- ``canon``: RDFC-1.0 canonical N-Quads, refusing terms no context defines;
- ``proof``: eddsa-rdfc-2022 Data Integrity proofs (sign, verify, controller documents);
- ``status_list``: Bitstring Status List encoding;
- ``multibase``: base58btc, base64url and Multikey encodings;
- ``keys``: the issuer's keyring (environment in production, a generated file in dev).
"""
