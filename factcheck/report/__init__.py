"""The report model built from a worksheet, shared by every renderer."""
