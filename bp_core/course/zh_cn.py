"""简体中文 for the sentences of the course layer: English (as written in the code) → Chinese.

Terms follow the glossary of notebooks/00_index.ipynb. Format fields ({k}, {loss:.4f}, ...) are kept
exactly, so both editions print the same numbers.
"""

TEXT = {
    "Back": "上一步",
    "Next": "下一步",
    "Play": "播放",
    "Reset": "重置",
    "Pause": "暂停",
    "Go back one step": "后退一步",
    "Go forward one step": "前进一步",
    "Play the steps one after another; press again to pause": "一步接一步地自动播放；再按一次暂停",
    "Go back to step 0": "回到第 0 步",
    "step": "步骤",
    "steps per second": "每秒步数",
    "step {k} / {n}": "步骤 {k} / {n}",
    # scenes/graph.py
    "Nothing is computed yet: Next runs the forward pass, one node at a time.":
        "还什么都没有算：按“下一步”开始前向传播，一次算一个节点。",
    "forward pass, node {k} of {n}: {formula}": "前向传播，第 {k} 个节点（共 {n} 个）：{formula}",
    "backward pass, step {j} of {m}: {rule}; {numbers}":
        "反向传播，第 {j} 步（共 {m} 步）：{rule}；{numbers}",
    "{name} is used again: its grad is a partial sum so far.":
        "{name} 还被别处用到：它的梯度目前只是部分和。",
    "the graph as it is: every value, and the grads computed so far":
        "计算图当前的样子：所有的值，以及到目前为止已算出的梯度",
    # scenes/backprop_steps.py
    "The forward pass is done: x, a¹, y and σ′ are known; every δ and ∂L/∂W is still blank. Each step marks "
    "the numbers it uses in blue and the one it computes in orange.":
        "前向传播已经完成：x、a¹、y 和 σ′ 都已知；所有的 δ 和 ∂L/∂W 还是空的。每一步用蓝色标出它用到的数，"
        "用橙色标出它算出的数。",
    "BP1, the error of the output: {formula} {numbers}": "BP1，输出层的误差：{formula} {numbers}",
    "BP2, the error of hidden unit {j}: {formula} {numbers}":
        "BP2，第 {j} 个隐藏单元的误差：{formula} {numbers}",
    "BP4, the gradient of one weight: {formula} {numbers}": "BP4，一个权重的梯度：{formula} {numbers}",
}
