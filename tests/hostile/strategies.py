"""Hostile input: any text (NUL, control characters, scripts, formulas, huge numbers)."""

from hypothesis import strategies as st

MARK = "<script>hostile()</script>"

SPECIAL = [
    "",
    " ",
    "\x00",
    "a\x00b",
    MARK,
    "'\"><img src=x onerror=alert(1)>",
    '=HYPERLINK("https://evil.example")',
    "-1",
    "0",
    "1e400",
    "NaN",
    "Infinity",
    "9999999999.995",
    "99999999999999999999999",
    "-99999999999999999999999",
    "0001-01-01",
    "0001-01-01T00:00:00",
    "9999-12-31",
    "9999-12-31T23:59:59+14:00",
    "2026-02-30",
    "x" * 300,
    "ﬀ" * 120,
    "\u202e\u200b",
    "../../etc/passwd",
    "%00",
    "${jndi:ldap://x}",
]

text = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(max_size=40),
    st.builds(lambda a, b: a + MARK + b, st.text(max_size=10), st.text(max_size=10)),
)
number_like = st.one_of(
    text,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=4).map(str),
)


def query(keys):
    """A query string over ``keys`` (and a few unknown ones), as a list of pairs."""
    return st.lists(
        st.tuples(st.one_of(st.sampled_from(keys), text), st.one_of(number_like, text)),
        max_size=6,
    )
