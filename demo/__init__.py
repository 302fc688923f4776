"""The demo: five real communes, their people and councils, and one commune's dossiers in
every state (`manage.py load_demo`, `make run`), and the paper previews drawn from them
(`manage.py render_document_previews`, `make document-previews`).

It sits on top of the domain apps and goes through their models and services; no domain app
imports it.
"""
