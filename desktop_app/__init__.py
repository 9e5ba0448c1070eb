"""WardLink: end-to-end encrypted messaging for the shared PCs of hospital wards."""

__version__ = "0.1.0"
