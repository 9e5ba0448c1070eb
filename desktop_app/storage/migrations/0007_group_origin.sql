-- Schema 7: where a group's id comes from.
--
-- A group's id is "g-" + SHA-256 over its creator's uid and a random salt, so the id
-- itself names the one person who may set its membership (services/membership.py).
-- Both are kept so that the state can be announced to a device that meets the group
-- later, which checks the id against them. NULL for direct conversations and for
-- groups made before schema 7 (those keep the admin rule of the state they have).
ALTER TABLE conversations ADD COLUMN creator TEXT;
ALTER TABLE conversations ADD COLUMN salt BLOB;
