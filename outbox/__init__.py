"""The transactional outbox: side effects recorded with the change, delivered after it.

It imports no app of the project: each app registers how to deliver its own kind of job
(`outbox.handlers.register`, from its `AppConfig.ready()`), and services record jobs with
`outbox.services.outbox_add`.
"""
