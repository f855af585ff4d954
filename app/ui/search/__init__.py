"""The search box, its scopes, the results list, and the controller that opens results."""
