"""Bundled sample feeds (package data), so a first launch has something to read offline."""
