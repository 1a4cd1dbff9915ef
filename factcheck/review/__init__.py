"""Stages ⑥–⑦: the worksheet, its journal, and the review loop."""
