"""The archive service: the company-owned customer archive (客户档案, book ch.6)."""
