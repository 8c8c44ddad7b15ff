"""The FastAPI application. The store is opened once per process, when the app starts."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from newsqa import __version__
from newsqa.web.api import router
from tasks.store import Store


def create_app(database_url: str | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.store = Store(database_url)
        yield
        app.state.store.engine.dispose()

    # No /docs: Swagger UI loads its scripts from a CDN, which an offline newsroom cannot reach.
    app = FastAPI(title="newsqa", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Submit news articles for translation and entity-name checks.")
    app.include_router(router)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict:
        return {"ok": True}

    return app
