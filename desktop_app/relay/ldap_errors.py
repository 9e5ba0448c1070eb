"""ldap3's failures said in the words of `admin directory sync-ldap`'s options.

ldap3 reports a refused bind as ``LDAPInvalidCredentialsResult - 49 - invalidCredentials
- None - None - bindResponse - None`` and an untrusted certificate as a nested tuple
around ``socket ssl wrapping error``; IT had to guess which option to change. These
lines name it (keeping ldap3's code word, which IT may search for).
"""

from __future__ import annotations

from ldap3.core.exceptions import (
    LDAPException,
    LDAPInvalidCredentialsResult,
    LDAPNoSuchObjectResult,
)


def bind_problem(exc: LDAPException) -> str | None:
    """What to change when opening or binding failed, or None when there is no hint."""
    if isinstance(exc, LDAPInvalidCredentialsResult):
        return (
            "the server refused the bind (invalidCredentials): check --bind-dn and the "
            "password in the variable named by --password-env"
        )
    if "CERTIFICATE_VERIFY_FAILED" in str(exc):
        return (
            "the server's certificate is not trusted (CERTIFICATE_VERIFY_FAILED): give the "
            "CA certificate that issued it with --ca-file CA.pem"
        )
    return None


def search_problem(exc: LDAPException, base: str) -> str | None:
    """What to change when the search failed, or None when there is no hint."""
    if isinstance(exc, LDAPNoSuchObjectResult):
        return f"the search base {base!r} does not exist on the server (noSuchObject): check --base"
    return None
