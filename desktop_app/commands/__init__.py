"""Subcommands of the `wardlink` command; each module registers its own arguments."""
