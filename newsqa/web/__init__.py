"""The web app: the submission API now, the editors' review pages later (same app, same store)."""

from newsqa.web.app import create_app

__all__ = ["create_app"]
