"""Official papers (NĐ 30/2020 layout): rendered from replaceable DOCX templates, printed to
PDF, stored with what they are about, versioned and audited."""
