"""Shares the Vietnamese way: "47,20 %" (a decimal comma, a space before the sign)."""

from decimal import ROUND_HALF_UP, Decimal


def share(part: int, whole: int, places: int = 2) -> Decimal:
    """`part` of `whole` in per cent, rounded half up to `places` decimals (0 of nothing)."""
    if not whole:
        return Decimal(0).quantize(Decimal(1).scaleb(-places))
    exact = Decimal(part) * 100 / Decimal(whole)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def share_text(value: Decimal) -> str:
    """52.4 → "52,40 %" (as many decimals as `value` holds)."""
    return f"{value} %".replace(".", ",")


def bar_width(value: Decimal) -> str:
    """A CSS width for a bar: a dot as decimal mark whatever the language ("47.2%")."""
    return f"{min(max(value, Decimal(0)), Decimal(100)):.1f}%"
