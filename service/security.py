"""Transport and browser security in one place: the headers on every response (one Content-Security-Policy per
path), HSTS and `Secure` session cookies on https, and ProxyFix when a TLS proxy sits in front.

No policy allows inline script. The reviewer page loads its script and styles from /review/static/; the docs load
Swagger UI's files from this origin (their own inline styles are allowed there, inline script is not).
"""
from __future__ import annotations

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

_COMMON = "base-uri 'none'; frame-ancestors 'none'; object-src 'none'"
CSP = {   # path prefix → policy; every other response (JSON, metrics) gets DEFAULT_CSP
    "/review": f"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               f"form-action 'self'; {_COMMON}",
    "/docs": f"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
             f"connect-src 'self'; form-action 'none'; {_COMMON}",
}
DEFAULT_CSP = f"default-src 'none'; form-action 'none'; {_COMMON}"
PRIVATE = ("/review", "/v1")        # signed-in pages and keyed answers: never stored by a browser or a proxy
PUBLIC_ASSETS = ("/review/static",)
HSTS = "max-age=31536000"


def _under(path: str, prefixes) -> bool:
    return any(path == p or path.startswith(p + "/") for p in prefixes)


def policy_for(path: str) -> str:
    return next((policy for prefix, policy in CSP.items() if _under(path, (prefix,))), DEFAULT_CSP)


def add_headers(response):
    path = request.path
    headers = response.headers
    headers["Content-Security-Policy"] = policy_for(path)
    headers["X-Frame-Options"] = "DENY"
    headers["X-Content-Type-Options"] = "nosniff"
    # same-origin, not no-referrer: Flask-WTF checks that an https form post's Referer is this host.
    headers["Referrer-Policy"] = "same-origin"
    if request.is_secure:
        headers["Strict-Transport-Security"] = HSTS
    if _under(path, PRIVATE) and not _under(path, PUBLIC_ASSETS):
        headers["Cache-Control"] = "no-store"
    return response


class SessionInterface(SecureCookieSessionInterface):
    """The signed session cookie, marked `Secure` whenever the request came over https (through ProxyFix)."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return request.is_secure or super().get_cookie_secure(app)


def init_app(app: Flask, settings) -> None:
    if settings.trusted_proxies:
        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n, x_prefix=n)
    app.session_interface = SessionInterface()
    app.after_request(add_headers)
