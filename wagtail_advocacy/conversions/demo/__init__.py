"""Demo data of conversions: no demo content loader, only ``generate``, the synthetic
history ``manage.py advocacy_generate_data`` adds for load tests and benchmarks (the
command alone imports it: start-up imports this package, not that module)."""
