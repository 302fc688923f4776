"""The workflow pages: the interface layer (views, forms, URLs). They call services and
selectors below; nothing below imports them."""
