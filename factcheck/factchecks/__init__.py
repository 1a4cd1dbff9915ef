"""Known fact-checks: import published fact-checks, store them, and match claims against them."""
