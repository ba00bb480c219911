import numpy as np
import pytest

from bp_core.metrics import confusion_matrix, count_correct


def test_confusion_matrix_counts():
    C = confusion_matrix([0, 1, 1, 2, 2, 2], [0, 1, 2, 2, 2, 0], K=3)
    np.testing.assert_array_equal(C, [[1, 0, 0], [0, 1, 1], [1, 0, 2]])
    assert confusion_matrix(np.array([1.0, 0.0]), [1, 1], K=2).tolist() == [[0, 1], [0, 1]]


@pytest.mark.parametrize(("labels", "predicted", "error", "message"), [
    ([0, -1], [0, 0], ValueError, r"labels must be integers in \[0, 3\), got -1 at index 1"),
    ([0, 3], [0, 0], ValueError, r"labels must be integers in \[0, 3\), got 3 at index 1"),
    ([0, 1], [0, 1.5], ValueError, r"predicted must be integers in \[0, 3\), got 1.5 at index 1"),
    ([0, 1], [0], ValueError, "labels and predicted must have equal length"),
    ([[0, 1]], [[0, 1]], ValueError, r"labels must have shape \(N,\)"),
    (["a"], [0], TypeError, "labels must be integers, got dtype <U1"),
])
def test_confusion_matrix_names_bad_labels(labels, predicted, error, message):
    with pytest.raises(error, match=message):
        confusion_matrix(labels, predicted, K=3)


def test_count_correct_conventions():
    y = np.array([[0.2, 0.8], [0.9, 0.1], [0.4, 0.6]])
    assert count_correct(y, np.eye(2)[[1, 0, 0]]) == 2
    assert count_correct(np.array([[0.7], [0.2]]), np.array([[1.0], [1.0]])) == 1
