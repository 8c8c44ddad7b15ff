"""newsqa's faces: the command line (and, later, the web app) over the domain in ``qa``."""

__version__ = "0.1.0"
