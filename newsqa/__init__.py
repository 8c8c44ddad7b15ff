"""newsqa: quality checks for machine-translated news.

One import namespace: the domain (``newsqa.qa``), the store and pipeline (``newsqa.tasks``), the
worker and its engines (``newsqa.worker``), and the faces (``newsqa.cli``, ``newsqa.web``,
``newsqa.client``). The first three live in the repository root folders ``qa/``, ``tasks/`` and
``worker/``.
"""

__version__ = "0.1.0"
