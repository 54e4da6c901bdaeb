"""Every boundary of Decree 80/2021/NĐ-CP art. 5 (DOMAIN.md), for both sector groups."""

import pytest

from enterprises.sizes import size_class_for

B = 1_000_000_000
IND, SRV = "industry", "services"


@pytest.mark.parametrize(
    ("group", "employees", "revenue", "capital", "expected"),
    [
        # agriculture, industry, construction: micro ≤10 staff and (revenue ≤3 bn or capital ≤3 bn)
        (IND, 10, 3 * B, 100 * B, "micro"),
        (IND, 10, 100 * B, 3 * B, "micro"),
        (IND, 11, 3 * B, 3 * B, "small"),
        (IND, 10, 3 * B + 1, 3 * B + 1, "small"),
        # small ≤100 staff and (revenue ≤50 bn or capital ≤20 bn)
        (IND, 100, 50 * B, 500 * B, "small"),
        (IND, 100, 500 * B, 20 * B, "small"),
        (IND, 101, 50 * B, 20 * B, "medium"),
        (IND, 100, 50 * B + 1, 20 * B + 1, "medium"),
        # medium ≤200 staff and (revenue ≤200 bn or capital ≤100 bn)
        (IND, 200, 200 * B, 900 * B, "medium"),
        (IND, 200, 900 * B, 100 * B, "medium"),
        (IND, 201, 200 * B, 100 * B, "large"),
        (IND, 200, 200 * B + 1, 100 * B + 1, "large"),
        # trade and services: micro ≤10 staff and (revenue ≤10 bn or capital ≤3 bn)
        (SRV, 10, 10 * B, 100 * B, "micro"),
        (SRV, 10, 100 * B, 3 * B, "micro"),
        (SRV, 11, 10 * B, 3 * B, "small"),
        (SRV, 10, 10 * B + 1, 3 * B + 1, "small"),
        # small ≤50 staff and (revenue ≤100 bn or capital ≤50 bn)
        (SRV, 50, 100 * B, 900 * B, "small"),
        (SRV, 50, 900 * B, 50 * B, "small"),
        (SRV, 51, 100 * B, 50 * B, "medium"),
        (SRV, 50, 100 * B + 1, 50 * B + 1, "medium"),
        # medium ≤100 staff and (revenue ≤300 bn or capital ≤100 bn)
        (SRV, 100, 300 * B, 900 * B, "medium"),
        (SRV, 100, 900 * B, 100 * B, "medium"),
        (SRV, 101, 300 * B, 100 * B, "large"),
        (SRV, 100, 300 * B + 1, 100 * B + 1, "large"),
        # only one of revenue / capital known
        (IND, 5, 2 * B, None, "micro"),
        (SRV, 5, None, 4 * B, "small"),
        # missing inputs: no class
        (IND, None, 1, 1, ""),
        (IND, 5, None, None, ""),
        (None, 5, 1, 1, ""),
    ],
)
def test_size_class_boundaries(group, employees, revenue, capital, expected):
    assert size_class_for(group, employees, revenue, capital) == expected
