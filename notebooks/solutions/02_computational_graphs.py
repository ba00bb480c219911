"""Solutions to the exercises of 02_computational_graphs.ipynb: MyValue with its four backward rules."""

import math


class MyValue:
    """A number that remembers how it was made, and sends gradients back to what it was made from."""

    def __init__(self, data, children=()):
        self.data, self.grad, self.children = float(data), 0.0, children
        self.backward_rule = lambda: None  # an input sends nothing further back

    def __add__(self, other):
        other = other if isinstance(other, MyValue) else MyValue(other)
        out = MyValue(self.data + other.data, (self, other))

        def backward_rule():  # ∂(a + b)/∂a = 1, ∂(a + b)/∂b = 1
            self.grad += out.grad
            other.grad += out.grad

        out.backward_rule = backward_rule
        return out

    def __mul__(self, other):
        other = other if isinstance(other, MyValue) else MyValue(other)
        out = MyValue(self.data * other.data, (self, other))

        def backward_rule():  # ∂(a·b)/∂a = b, ∂(a·b)/∂b = a
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out.backward_rule = backward_rule
        return out

    def tanh(self):
        out = MyValue(math.tanh(self.data), (self,))

        def backward_rule():  # tanh′(a) = 1 − tanh(a)²
            self.grad += (1 - out.data ** 2) * out.grad

        out.backward_rule = backward_rule
        return out

    def __pow__(self, n):
        out = MyValue(self.data ** n, (self,))

        def backward_rule():  # ∂(aⁿ)/∂a = n·aⁿ⁻¹
            self.grad += n * self.data ** (n - 1) * out.grad

        out.backward_rule = backward_rule
        return out

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def graph(self):
        """Every node this one is made from, and itself: each after the nodes it is made from."""
        order, seen = [], set()

        def visit(v):
            if v not in seen:
                seen.add(v)
                for child in v.children:
                    visit(child)
                order.append(v)

        visit(self)
        return order

    def backward(self):
        order = self.graph()
        for v in order:
            v.grad = 0.0
        self.grad = 1.0
        for v in reversed(order):  # from L back to the inputs
            v.backward_rule()
