"""Members (providers) and repositories (clients): their rules, services, authentication,
passwords and audit trail (spec §6, §7).
"""
