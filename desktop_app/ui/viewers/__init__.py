"""Clinical viewers: DICOM images, 12-lead ECGs, PDFs (QtPdf), reports, headless rendering.

The pure decoding lives in desktop_app.medical; this package only draws what it returns
and turns mouse, wheel and keys into window/level, geometry and measurements.
Entry points: ViewerWindow (interactive), render.render_to_png (headless),
cli_entry.run (the `wardlink view` handler).
"""
