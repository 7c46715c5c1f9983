"""The insight service: value scoring, tiers and tier policies (客户洞察与选择, book ch.2)."""
