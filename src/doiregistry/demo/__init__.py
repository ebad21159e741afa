"""The demo set-up of ``doiregistry serve --demo``: a member, a repository and sample records."""
