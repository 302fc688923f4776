"""How money is written in Vietnamese: dots group thousands, "đ" follows."""


def format_dong(amount: int) -> str:
    """760000 → '760.000 đ'."""
    return f"{amount:,} đ".replace(",", ".")
