"""Named size limits; every hostile-file refusal points at one of these.

They are generous for clinical images (a 43x43 cm DX at 0.1 mm is 4300x4300x16 bit =
37 MB; a 2000-slice enhanced CT is 1 GB) and far below what would hurt a ward PC.
"""

# Largest file we read at all (bytes held in memory by pydicom while decoding).
MAX_FILE_BYTES = 1536 << 20
# Sum over all frames of Rows*Columns*SamplesPerPixel*BitsAllocated/8 as declared.
MAX_PIXEL_BYTES = 1 << 30
# One decoded frame, the unit the decoder allocates at once.
MAX_FRAME_BYTES = 256 << 20
# Rows and Columns are US in DICOM; the frame count is the only unbounded factor.
MAX_FRAMES = 20_000
# A deflated dataset may not inflate beyond this (zip-bomb guard).
MAX_INFLATED_BYTES = MAX_PIXEL_BYTES + (64 << 20)
# Waveform data: samples x channels x groups (a 24 h Holter at 250 Hz x 3 leads ~ 65 M).
MAX_WAVEFORM_SAMPLES = 100_000_000
# Encapsulated documents handed out as bytes.
MAX_DOCUMENT_BYTES = 256 << 20
