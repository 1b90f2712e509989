"""Capturing web pages and feed items into a sources folder (`briefer fetch`): the only part of
briefer that uses the network, so that every build of the folder afterwards is offline."""

from briefer.fetch.capture import FetchReport, NothingFetchedError, fetch_sources, read_url_file
from briefer.fetch.http import FetchOptions

__all__ = ["FetchOptions", "FetchReport", "NothingFetchedError", "fetch_sources", "read_url_file"]
