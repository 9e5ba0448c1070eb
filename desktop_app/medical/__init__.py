"""DICOM and ECG decoding into display-ready arrays; pure, no Qt."""
