"""The relay server hospital IT runs on the clinic LAN; stores and forwards ciphertext only."""
