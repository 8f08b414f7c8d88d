"""The Textual user interface; the only layer (with cli.py) that imports textual and rich."""
