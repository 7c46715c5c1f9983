"""Development tokens, signed with the key `mcr up` keeps under the data folder.

Only the signing code is imported (`mcr_core.auth.keys`: PyJWT and cryptography), so a command
that mints a token does not load a service's machinery.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mcr_core.auth.keys import ensure_dev_keypair, mint_token

# The demo's account manager of each region: each owns their region's demo customers.
DEMO_USERS = {
    "cn-south": ("e-1001", "/cn-south/enterprise/team-1"),
    "eu-west": ("e-2001", "/eu-west/enterprise/team-1"),
}
ACCOUNT_MANAGER = "account_manager"


def dev_token(
    data_dir: Path,
    employee: str,
    region: str,
    org_unit: str,
    roles: Iterable[str] = (ACCOUNT_MANAGER,),
    ttl: int = 3600,
    *,
    signing_key: Path | None = None,
) -> str:
    """A token signed with `signing_key` (a private key PEM file), else the development key."""
    if signing_key is not None:
        private_pem = signing_key.read_bytes()
    else:
        private_pem, _ = ensure_dev_keypair(data_dir)
    return mint_token(
        private_pem,
        employee_id=employee,
        region=region,
        org_unit=org_unit,
        roles=tuple(roles),
        ttl_seconds=ttl,
    )


def demo_user_token(data_dir: Path, region: str = "cn-south", ttl: int = 3600) -> str:
    """The token of the demo's account manager of `region`."""
    employee, unit = DEMO_USERS[region]
    return dev_token(data_dir, employee, region, unit, ttl=ttl)


def demo_user_hint(region: str) -> str:
    """The `mcr token` command that mints the demo user's token of `region`."""
    employee, unit = DEMO_USERS[region]
    return f"mcr token --region {region} --employee {employee} --org-unit {unit}"


def caller_token(data_dir: Path, token: str | None) -> str:
    """The token given, else the demo's cn-south account manager's."""
    return token or demo_user_token(data_dir)


def manager_token(data_dir: Path, region: str, employee: str) -> str:
    """A manager of the whole region (`/<region>/enterprise`) who works for the market
    department: tier configurations are the market department's (decision 5), and a manager
    sees the region's every customer."""
    roles = ("manager", "market_department")
    return dev_token(data_dir, employee, region, f"/{region}/enterprise", roles, 600)
