"""Stage ⑨: renderers. Everything that turns results into terminal output or files lives here."""
