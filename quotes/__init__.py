"""quotes: who said what in news text — direct, indirect and mixed quotes with speakers and
attribution chains, as JSONL, from Python, the command line or a spaCy pipeline."""
__version__ = "0.1.0"

from .model import ChainLink, Content, Cue, Quote, Span, Speaker  # noqa: E402
from .rules import RulesError, load_rules  # noqa: E402
from .api import ModelNotFound, extract, extract_many, extract_records, load_model, load_pipeline  # noqa: E402
from . import component  # noqa: E402,F401  (registers the "quotes" factory)

__all__ = [
    "Quote", "Span", "Content", "Cue", "Speaker", "ChainLink", "RulesError", "ModelNotFound",
    "load_rules", "extract", "extract_many", "extract_records", "load_model", "load_pipeline",
]
