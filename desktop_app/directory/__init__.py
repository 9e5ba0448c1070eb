"""Staff directory model, search and LDAP/CSV/LDIF import."""
