"""Sans-I/O wire format between client and relay (h11 style): typed frames, strict limits."""
