"""DOIs: reading writes, merging metadata, the rules and the state machine, the DOI and MDS
services (spec §5, MDS §3).
"""
