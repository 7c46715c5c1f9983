"""The satisfaction service: voice of customer, issues and surveys (book ch.5)."""
