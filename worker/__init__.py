"""The Celery application and the engines a worker runs (language detection, translation).

Empty until the engines land; heavy imports (torch, transformers) will be loaded lazily here.
"""
