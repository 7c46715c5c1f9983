"""MCR planning service (客户规划)."""
