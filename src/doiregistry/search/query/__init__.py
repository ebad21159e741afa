"""The query language: typed query trees, parsing, the field catalogue, tokens, dates and the
reference evaluator.
"""
