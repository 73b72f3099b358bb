"""PHT Desktop: an offline companion for proximal hamstring tendinopathy rehab."""

__version__ = "0.1.0"
