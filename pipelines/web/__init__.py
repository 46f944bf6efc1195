"""`claimwatch serve`: a read-only web app over the store (Starlette, Jinja2, uvicorn).

views.py   pure: claims grouped and summarised, filters, sorting, pages, alert rows
chart.py   pure: a claim's timeline as SVG geometry, one series per source
reads.py   I/O: the store (read-only queries) and the feed state, behind one lock
app.py     routes, HTML pages and the JSON API, bearer token, security headers
serve.py   host/port/token checks and uvicorn
"""
