"""Compliance: the company's limits on sharing (shares per day, sharing hours), enforced
through the kernel's share rules, so the share panel and the share endpoint agree."""
