"""Cases: articles about one story, matched claims and independence of chains."""
