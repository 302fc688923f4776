"""The nominations part of the REST API: catalogue reads, nominations, their actions."""
