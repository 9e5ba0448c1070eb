"""DICOM and ECG decoding into display-ready arrays; pure, no Qt.

Entry points, one module each (everything raises a MedicalError subclass for unusable
input). Nothing is imported here, so `medical.errors` stays cheap to import (the CLI and
a relay host without the imaging libraries need only that):

    documents.identify(source)        -> ObjectKind (image, ecg, pdf, other)
    loading.load_image(source)        -> LoadedImage (header checked against limits)
    pixels.decode_frame(image, n)     -> stored values of frame n
    display.prepare / render          -> display copy and uint8 pixels for a VOI
    display.first_display(image, n)   -> both at once (open -> first paint)
    worker.DecodeWorker(...).decode   -> Future[DecodedFrame], decoded in a process
    geometry.pixel_spacing, distance, angle
    ecg.load_ecg(source)              -> EcgRecording (leads in mV + annotations)
    documents.load_pdf(source)        -> PdfDocument
    deidentify.deidentify(src, map)   -> DeidResult
    summary.summarize(source)         -> [(label, value)] for --info
"""
