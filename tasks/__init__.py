"""Celery tasks, the pipeline that chains the stages, and the store."""
