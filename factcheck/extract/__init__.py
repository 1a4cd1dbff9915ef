"""Stages ①–③: read a source, segment it, score claims and attribute them."""
