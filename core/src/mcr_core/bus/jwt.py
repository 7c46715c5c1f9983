"""NATS's decentralised credentials: nkeys and the JWTs they sign.

NATS trusts a chain: the server trusts an *operator* key; the operator signs each *account*'s
JWT; an account (through a signing key of its own) signs each *user*'s JWT, which carries the
user's publish and subscribe permissions. The server needs only the operator and the accounts:
a user signed by an account's signing key is let in without the server knowing it in advance,
so `mcr bus credentials` can issue an internal app's credentials while NATS runs.

The encoding follows nats-io/jwt v2: a header `{"typ": "JWT", "alg": "ed25519-nkey"}`, claims
with `iss`, `sub`, `iat`, `jti` and a `nats` object whose `type` says what they describe, each
part base64url without padding, signed with the issuer's nkey.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import time
from dataclasses import dataclass

import nkeys
from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

HEADER = {"typ": "JWT", "alg": "ed25519-nkey"}
_PREFIX = {
    "operator": nkeys.PREFIX_BYTE_OPERATOR,
    "account": nkeys.PREFIX_BYTE_ACCOUNT,
    "user": nkeys.PREFIX_BYTE_USER,
}
# No limit, as nats-io/jwt writes it.
UNLIMITED = -1
_CREDS_BLOCK = re.compile(r"-----BEGIN ([A-Z ]+)-----\s*\n(.+?)\n\s*-+END [A-Z ]+-+", re.DOTALL)


@dataclass(frozen=True)
class Key:
    """An nkey: its seed (secret) and public key."""

    seed: str

    @classmethod
    def create(cls, kind: str) -> Key:
        """A new random key of `kind`: operator, account or user."""
        return cls(nkeys.encode_seed(os.urandom(32), _PREFIX[kind]).decode())

    @property
    def public(self) -> str:
        return nkeys.from_seed(bytearray(self.seed.encode())).public_key.decode()

    def sign(self, data: bytes) -> bytes:
        return nkeys.from_seed(bytearray(self.seed.encode())).sign(data)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode(issuer: Key, subject: str, name: str, nats: dict, *, expires: int | None = None) -> str:
    """A JWT of `nats` claims about `subject`, signed by `issuer`."""
    claims: dict = {"iat": int(time.time()), "iss": issuer.public, "name": name, "sub": subject}
    if expires is not None:
        claims["exp"] = expires
    claims["nats"] = {**nats, "version": 2}
    # The id is a hash of the claims without it, as nats-io/jwt computes it.
    claims["jti"] = (
        base64.b32encode(hashlib.sha256(json.dumps(claims, sort_keys=True).encode()).digest())
        .decode()
        .rstrip("=")
    )
    signing_input = f"{_b64(json.dumps(HEADER).encode())}.{_b64(json.dumps(claims).encode())}"
    return f"{signing_input}.{_b64(issuer.sign(signing_input.encode()))}"


def claims(token: str) -> dict:
    """The claims of a JWT, unverified (the server verifies; this only reads)."""
    try:
        return json.loads(_unb64(token.split(".")[1]))
    except (IndexError, ValueError) as exc:
        raise ValueError("not a NATS JWT") from exc


def verify(token: str, issuer_public: str) -> dict:
    """The claims of a JWT signed by `issuer_public`; ValueError otherwise."""
    head, body, signature = token.split(".")
    found = claims(token)
    if found.get("iss") != issuer_public:
        raise ValueError("the JWT was issued by another key")
    # A public nkey is base32 of a prefix byte, the 32-byte Ed25519 key and a CRC-16.
    raw = base64.b32decode(issuer_public + "=" * (-len(issuer_public) % 8))[1:-2]
    try:
        VerifyKey(raw).verify(f"{head}.{body}".encode(), _unb64(signature))
    except BadSignatureError as exc:
        raise ValueError("the JWT's signature does not verify") from exc
    return found


def operator_jwt(operator: Key, name: str, system_account: str) -> str:
    return encode(
        operator, operator.public, name, {"type": "operator", "system_account": system_account}
    )


def account_jwt(
    operator: Key, account: Key, name: str, *, signing_key: str | None, jetstream: bool
) -> str:
    """An account's JWT: unlimited connections and data; JetStream on if `jetstream`. Its users
    are signed by `signing_key`, so the account's own key can stay offline."""
    limits = {
        "subs": UNLIMITED, "data": UNLIMITED, "payload": UNLIMITED, "imports": UNLIMITED,
        "exports": UNLIMITED, "wildcards": True, "conn": UNLIMITED, "leaf": UNLIMITED,
    }  # fmt: skip
    if jetstream:
        limits |= {
            "mem_storage": UNLIMITED, "disk_storage": UNLIMITED, "streams": UNLIMITED,
            "consumer": UNLIMITED,
        }  # fmt: skip
    nats = {"type": "account", "limits": limits}
    if signing_key:
        nats["signing_keys"] = [signing_key]
    return encode(operator, account.public, name, nats)


def user_jwt(
    signer: Key,
    account_public: str,
    user_public: str,
    name: str,
    permissions: dict,
    *,
    expires: int | None = None,
) -> str:
    """A user's JWT with `permissions` (`{"pub": {"allow": [...]}, "sub": {...}}`), signed by
    one of its account's signing keys."""
    nats = {
        "type": "user",
        "issuer_account": account_public,
        "subs": UNLIMITED,
        "data": UNLIMITED,
        "payload": UNLIMITED,
        **permissions,
    }
    return encode(signer, user_public, name, nats, expires=expires)


def creds_file(token: str, user: Key) -> str:
    """The `.creds` file NATS clients read: the user's JWT and its seed."""
    return (
        "-----BEGIN NATS USER JWT-----\n"
        f"{token}\n"
        "------END NATS USER JWT------\n\n"
        "************************* IMPORTANT *************************\n"
        "NKEY Seed printed below can be used to sign and prove identity.\n"
        "NKEYs are sensitive and should be treated as secrets.\n\n"
        "-----BEGIN USER NKEY SEED-----\n"
        f"{user.seed}\n"
        "------END USER NKEY SEED------\n\n"
        "*************************************************************\n"
    )


def read_creds(text: str) -> tuple[str, Key]:
    """The user JWT and key of a `.creds` file."""
    blocks = {kind: body.strip() for kind, body in _CREDS_BLOCK.findall(text)}
    try:
        return blocks["NATS USER JWT"], Key(blocks["USER NKEY SEED"])
    except KeyError as exc:
        raise ValueError("not a NATS credentials file") from exc
