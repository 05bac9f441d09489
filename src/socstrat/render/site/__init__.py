"""``socstrat site``: a static site of strategies and their progress, for GitHub Pages or any web server.

:mod:`.builder` finds the strategies, renders each one's pages (in a pool of processes)
and the pages across them; :mod:`.pages` holds what each page shows. The documents of a
strategy (report, annual plans, monitoring reports, downloads) come from the same
renderers as the commands, through :mod:`socstrat.render.registry`.
"""
