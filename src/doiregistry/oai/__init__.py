"""The OAI-PMH 2.0 data provider: request rules, resumption tokens and the verbs."""
