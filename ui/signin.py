"""Advisor sign-in: an organisation account through Streamlit's OpenID Connect login (recommended),
or the single shared password as a fallback. Either survives a reload of the page.

* OpenID Connect: configure ``[auth]`` in ``.streamlit/secrets.toml`` (see docs/deploy.md) and list
  who may sign in with ``ADVISOR_EMAILS`` (comma-separated) or ``ADVISOR_DOMAIN``. Streamlit keeps the
  login in its own signed, HTTP-only cookie.
* Password: wrong passwords are counted per visitor in the database (storage.guard); after a
  successful sign-in the browser keeps a signed cookie for ``SESSION_HOURS`` hours.
"""

from __future__ import annotations

import hashlib
import json
import time

import streamlit as st

from storage import StorageError
from storage.guard import actor_key, attempt, forget, password_matches, session_token, token_is_valid
from ui.database import engine, setting, visitor_address

__all__ = [
    "SIGNED_IN",
    "oidc_configured",
    "account_allowed",
    "signed_in",
    "try_password",
    "retry_minutes",
    "sign_out",
    "keep_cookie",
]

SIGNED_IN, NEW_COOKIE, RETRY = "advisor.signed_in", "advisor.new_cookie", "advisor.retry_after"
SIGNED_OUT = "advisor.signed_out"
COOKIE = "bcf_advisor"
SESSION_HOURS = 12


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return False


def account_allowed() -> bool:
    """Whether the organisation account signed in through OpenID Connect is on the advisor list."""
    if not st.user.is_logged_in:
        return False
    email = str(st.user.get("email") or "").lower()
    allowed = {e.strip().lower() for e in (setting("ADVISOR_EMAILS") or "").split(",") if e.strip()}
    domain = (setting("ADVISOR_DOMAIN") or "").lower().lstrip("@")
    return bool(email) and (email in allowed or bool(domain) and email.endswith("@" + domain))


def _secret() -> str:
    password = setting("ADVISOR_PASSWORD") or ""
    return hashlib.sha256(f"bcf-advisor-cookie:{password}".encode()).hexdigest()


def signed_in() -> bool:
    if st.session_state.get(SIGNED_IN):
        return True
    if oidc_configured() and account_allowed():
        return True
    # the browser's cookies are those it sent when this session began: after signing out in this
    # session they no longer count
    cookie = None if st.session_state.get(SIGNED_OUT) else st.context.cookies.get(COOKIE)
    if setting("ADVISOR_PASSWORD") and token_is_valid(_secret(), cookie, time.time()):
        st.session_state[SIGNED_IN] = True  # a reload: the browser still has its signed cookie
        return True
    return False


def try_password(given: str) -> str:
    """``ok``, ``wrong``, ``locked`` (too many wrong tries from here: see ``retry_minutes``) or ``unavailable``."""
    password = setting("ADVISOR_PASSWORD")
    try:
        actor = actor_key(engine(), visitor_address())
        decision = attempt(engine(), "login", actor)
        if not decision.allowed:
            st.session_state[RETRY] = decision.retry_after
            return "locked"
        if not password_matches(given, password or ""):
            return "wrong"
        forget(engine(), "login", actor)
    except StorageError:
        return "unavailable"
    st.session_state[SIGNED_IN] = True
    st.session_state.pop(SIGNED_OUT, None)
    st.session_state[NEW_COOKIE] = session_token(_secret(), int(time.time()) + SESSION_HOURS * 3600)
    return "ok"


def retry_minutes() -> int:
    return max(1, -(-int(st.session_state.get(RETRY, 60)) // 60))


def keep_cookie() -> None:
    """After a password sign-in, let the browser keep the signed cookie (so a reload stays signed in);
    after signing out, let it forget the cookie."""
    token = st.session_state.pop(NEW_COOKIE, None)
    if token is not None:
        _set_cookie(token, SESSION_HOURS * 3600 if token else 0)


def _set_cookie(value: str, max_age: int) -> None:
    script = (
        f"document.cookie = {json.dumps(COOKIE)} + '=' + {json.dumps(value)} + "
        f"'; Max-Age={int(max_age)}; Path=/; SameSite=Strict' + (location.protocol === 'https:' ? '; Secure' : '');"
    )
    st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)


def sign_out() -> None:
    st.session_state.pop(SIGNED_IN, None)
    st.session_state[SIGNED_OUT] = True
    st.session_state[NEW_COOKIE] = ""  # the next run tells the browser to forget its cookie
    if oidc_configured() and st.user.is_logged_in:
        st.logout()
