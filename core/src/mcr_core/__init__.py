"""The MCR platform kernel: the machinery every service stands on.

Services import what they need from the submodules: `config`, `telemetry`, `rpc`, `storage`,
`bus`, `auth`, `plugins`, `clock`, `timers`, `errors`, `service`. The kernel has no entry
point of its own.
"""
