"""The lowest layer: what every app may import and that imports no app of the project.

Errors every service raises, the business clock, database lookups, pagination and file
downloads. Nothing here knows about nominations, councils or users.
"""
