"""The per-person encrypted container: SQLCipher, migrations, repositories, unlock state."""
