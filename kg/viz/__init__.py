"""Pictures of the entity network: an offline HTML page (html.py) and PNG/SVG (static.py)."""
