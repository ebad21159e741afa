"""The thin HTTP layer: routers for REST, MDS, OAI-PMH and GraphQL, auth and error documents."""
