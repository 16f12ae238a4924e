"""allegedly: who says so? Attribution chains, hedges and figures in news, with evidence."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from allegedly.model import (
    SCHEMA,
    AnalysisWarning,
    Article,
    ArticleAnalysis,
    Attribution,
    Claim,
    Cue,
    Figure,
    Hedge,
    Relation,
    Removed,
    Source,
    Span,
)

if TYPE_CHECKING:
    from allegedly.settings import Settings

__version__ = "0.1.0"

__all__ = ["SCHEMA", "AnalysisWarning", "Article", "ArticleAnalysis", "Attribution", "Claim", "Cue", "Figure",
           "Hedge", "Relation", "Removed", "Source", "Span", "analyze", "__version__"]


def analyze(text_or_html: str, *, published: date | str | None = None, url: str | None = None,
            outlet: str | None = None, title: str | None = None,
            settings: Settings | None = None) -> ArticleAnalysis:
    """Analyse one article given as plain text or HTML (detected) and return its analysis.

    ``published`` may be a ``date`` or an ISO string; it anchors relative time expressions.
    ``settings``: a :class:`~allegedly.settings.Settings`; without it the settings are read as
    the CLI reads them (``defaults.toml``, then the TOML file named by ``$ALLEGEDLY_CONFIG``,
    then ``ALLEGEDLY_<NAME>`` variables: :func:`~allegedly.settings.load_settings`).
    ``.to_dict()`` of the result is the ``allegedly/1`` JSON contract (docs/contract.md).
    """
    from allegedly.nlp.pipeline import get_analyzer

    return get_analyzer(settings).analyze_text(text_or_html, published=published, url=url,
                                              outlet=outlet, title=title)
