"""Pure-Python core: values, validation, clinical rules, the break scheduler.

Nothing here imports Qt, SQLAlchemy or matplotlib (a test enforces it), so every
rule can be tested with plain values and a fake clock.
"""
