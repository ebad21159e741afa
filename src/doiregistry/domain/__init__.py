"""What every layer shares: the plain records services hand out, the caller (principal), the
error types and the clock. Imports nothing else of ours.
"""
