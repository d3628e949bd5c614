"""Compliance: the company's limits on sharing (shares per day, sharing hours, blocked
words), enforced through the kernel's share and post rules, so the share panel and the
share endpoint agree."""
