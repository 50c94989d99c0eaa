"""Sequence gaps: a number handed out but not yet committed is asked for again until it commits or expires."""
import numpy as np

from service.archive.vectors import GAP_TTL_S, update_gaps


def test_skipped_numbers_are_remembered_then_forgotten():
    gaps = update_gaps({}, 10, np.array([11, 14, 15]), now=100.0)
    assert gaps == {12: 100.0, 13: 100.0}
    gaps = update_gaps(gaps, 15, np.array([13]), now=101.0)      # 13 committed late
    assert gaps == {12: 100.0}
    assert update_gaps(gaps, 15, np.array([], dtype=np.int64), now=100.0 + GAP_TTL_S) == {}
