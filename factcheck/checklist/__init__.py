"""Stages ⑤ and ⑧: checklists, their expression language, facts and verdicts."""
