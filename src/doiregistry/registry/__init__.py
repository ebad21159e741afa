"""Domain services: accounts and roles, prefixes, the DOI state machine, validation, activities.

Services take plain values and return plain values; they know nothing about HTTP.
"""
