"""Query trees compiled to SQL per backend: conditions, full-text, relevance, sort keys and
relation counts.
"""
