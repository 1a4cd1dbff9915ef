"""factcheck: a source-reliability and fact-check worksheet for the terminal."""

__version__ = "0.1.0"
