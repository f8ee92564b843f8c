"""jobscan: analyse job postings as data."""
__version__ = "0.1.0"
