"""The backward pass of a sigmoid/MSE two-layer network, one sample and one weight at a time.

This is how the post 手写BP算法 writes backprop (explicit loops over samples, neurons and weights), made
correct: every δ is computed from the weights *before* any update (the post updated a layer's weights
first and then sent the error back through the new ones). It returns the same dict as
`TwoLayerNet(D, H, K, "sigmoid", "mse").gradient(X, T)`, only much more slowly: it is the slow
reference the matrix version is timed against, and a line-by-line reading of the formulas

    δ2_k = (y_k − t_k) y_k (1 − y_k)                 ∂L/∂W2[j,k] = 1/N Σ_n a1_j δ2_k
    δ1_j = (Σ_k W2[j,k] δ2_k) a1_j (1 − a1_j)        ∂L/∂W1[i,j] = 1/N Σ_n x_i δ1_j
"""

import math

import numpy as np


def _sigmoid(z):
    # stable for any z, like functions.sigmoid, but on one Python float
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def loop_gradient(params, X, T):
    """params: W1 (D, H), b1 (H,), W2 (H, K), b2 (K,); X (N, D); T (N, K) → dict of gradients, MSE loss."""
    W1, b1, W2, b2 = (params[k] for k in ("W1", "b1", "W2", "b2"))
    (N, D), H, K = X.shape, W1.shape[1], W2.shape[1]
    grads = {k: np.zeros_like(params[k]) for k in ("W1", "b1", "W2", "b2")}
    for n in range(N):
        x, t = X[n], T[n]
        # forward, neuron by neuron
        a1 = [_sigmoid(sum(x[i] * W1[i, j] for i in range(D)) + b1[j]) for j in range(H)]
        y = [_sigmoid(sum(a1[j] * W2[j, k] for j in range(H)) + b2[k]) for k in range(K)]
        # backward: output errors, then hidden errors through the *current* W2
        delta2 = [(y[k] - t[k]) * y[k] * (1 - y[k]) for k in range(K)]
        delta1 = [sum(W2[j, k] * delta2[k] for k in range(K)) * a1[j] * (1 - a1[j]) for j in range(H)]
        # accumulate the average over the batch, one weight at a time
        for j in range(H):
            for k in range(K):
                grads["W2"][j, k] += a1[j] * delta2[k] / N
        for k in range(K):
            grads["b2"][k] += delta2[k] / N
        for i in range(D):
            for j in range(H):
                grads["W1"][i, j] += x[i] * delta1[j] / N
        for j in range(H):
            grads["b1"][j] += delta1[j] / N
    return grads
