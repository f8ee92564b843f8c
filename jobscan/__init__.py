"""jobscan: analyse job postings as data.

    >>> import jobscan
    >>> posting = jobscan.analyze("samples/backend-engineer-v1.txt")
    >>> posting.to_dict()["sections"][0]["kind"]
"""
from .analyze import analyze, analyze_document
from .compare import Comparison, compare
from .diff import Change, diff
from .load import LoadError
from .model import SCHEMA_VERSION, Block, Document, Meta, Posting, Salary, Section

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Block",
    "Change",
    "Comparison",
    "Document",
    "LoadError",
    "Meta",
    "Posting",
    "Salary",
    "Section",
    "__version__",
    "analyze",
    "analyze_document",
    "compare",
    "diff",
]
