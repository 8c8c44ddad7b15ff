"""The Celery application and the engines a worker runs (language detection, translation).

Heavy imports (torch, transformers) are loaded lazily, once per worker process.
"""
