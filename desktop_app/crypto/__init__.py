"""Keys and ciphers: key wrapping, attachment streams; Olm/Megolm and certificates follow."""
