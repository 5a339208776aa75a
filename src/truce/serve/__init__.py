"""The web app: REST API, dashboard pages, review workflow and accounts."""
