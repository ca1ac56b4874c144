"""The text layer: every word the student reads, in English, and the other editions' catalogues."""
