"""The web face: sign-up, the subscription links, the archive, search and Atom feeds.

One implementation (Powertools routers) serves both the AWS subscription API
function and `podcast-digest serve` (a WSGI adapter under waitress).
"""
