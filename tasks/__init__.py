"""Celery tasks, the pipeline that chains them, and the store (issue: ingestion pipeline).

Empty until the pipeline lands; the checker it will call is ``qa.Checker``.
"""
