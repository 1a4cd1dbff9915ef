"""Stage ④ sources: the source registry's public interface.

The registry is built in modules that each do one thing: ``model`` (entries, kinds, letters),
``matching`` (the merged registry and the names it finds in text), ``chains`` (who stands on a
claim's chain and the checklist facts of a chain), ``loading`` (the strict YAML loader and the
merge of files) and ``writing`` (adding an entry). Callers import from here.
"""

from __future__ import annotations

from factcheck.sources.chains import (
    SourceCheck,
    SourceUse,
    UnknownName,
    chain_sources,
    check_sources,
    facts_for,
    match_chain,
    match_claim_sources,
    source_facts,
)
from factcheck.sources.loading import (
    RegistryValidation,
    SourcesLoadError,
    builtin_sources_dir,
    load_registry,
    user_registry_path,
    validate_registry,
)
from factcheck.sources.lookup import find_source
from factcheck.sources.matching import Registry
from factcheck.sources.model import (
    CITED_FACTS,
    FIELDS,
    ChainMatch,
    Citation,
    Mention,
    Partisan,
    Reliability,
    SourceEntry,
    SourceKind,
)
from factcheck.sources.writing import add_entry, entry_fields, slugify

__all__ = [
    "CITED_FACTS",
    "FIELDS",
    "ChainMatch",
    "Citation",
    "Mention",
    "Partisan",
    "Registry",
    "RegistryValidation",
    "Reliability",
    "SourceCheck",
    "SourceEntry",
    "SourceKind",
    "SourceUse",
    "SourcesLoadError",
    "UnknownName",
    "add_entry",
    "builtin_sources_dir",
    "chain_sources",
    "check_sources",
    "entry_fields",
    "facts_for",
    "find_source",
    "load_registry",
    "match_chain",
    "match_claim_sources",
    "slugify",
    "source_facts",
    "user_registry_path",
    "validate_registry",
]
