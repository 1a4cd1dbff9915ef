"""Stage ④: the source registry and its matching on claims' chains."""
