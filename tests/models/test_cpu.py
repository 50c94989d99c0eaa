"""models.cpu: a library's thread count set to one for a small call, and put back."""
import pytest

from models import cpu


def test_one_thread_sets_the_count_to_one_and_restores_it_even_on_an_error():
    count = {"n": 4}

    def get_threads():
        return count["n"]

    def set_threads(n):
        count["n"] = n

    with cpu.one_thread(get_threads, set_threads):
        assert count["n"] == 1
    assert count["n"] == 4
    with pytest.raises(RuntimeError), cpu.one_thread(get_threads, set_threads):
        raise RuntimeError("inside")
    assert count["n"] == 4
