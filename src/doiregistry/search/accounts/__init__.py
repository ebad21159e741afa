"""The repository, member and prefix lists: query language, matching, filters, sorts and
facets (spec §6.3, §7, §8).
"""
