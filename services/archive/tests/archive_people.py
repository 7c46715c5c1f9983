"""The cast of the archive's tests: employees at known places in our organisation."""

OWNER = {"employee_id": "e-1001", "org_unit": "/cn-south/enterprise/team-1"}
PEER = {"employee_id": "e-1002", "org_unit": "/cn-south/enterprise/team-1"}
TEAM_LEAD = {
    "employee_id": "e-1000",
    "org_unit": "/cn-south/enterprise/team-1",
    "roles": ("manager",),
}
HEAD = {"employee_id": "e-0900", "org_unit": "/cn-south/enterprise", "roles": ("manager",)}
OTHER_TEAM_LEAD = {
    "employee_id": "e-1100",
    "org_unit": "/cn-south/enterprise/team-2",
    "roles": ("manager",),
}
OTHER_REGION = {
    "employee_id": "e-2001",
    "region": "eu-west",
    "org_unit": "/eu-west/enterprise",
    "roles": ("manager",),
}
