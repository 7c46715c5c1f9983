"""The gateway: the REST API (and later the web console) over the services' gRPC APIs."""
