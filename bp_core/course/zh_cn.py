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
    # scenes/neuron_graph.py, worked_example.py
    "loss L": "损失 L",
    "on each edge: its weight W, and ∂ = ∂L/∂W below it": "每条边上：它的权重 W，下面是 ∂ = ∂L/∂W",
    # scenes/training.py
    "above {high:g}: off the scale": "高于 {high:g}：超出坐标范围",
    "probability of class 1": "类别 1 的概率",
    "0: class 0": "0：类别 0",
    "1: class 1": "1：类别 1",
    # scenes/digits.py
    "true": "真实",
    "✓ true": "✓ 真实",
    "mistake {k} of {n}": "第 {k} 个错误（共 {n} 个）",
    # scenes/gradient_cost.py, vanishing_gradients.py, initialisation.py
    "central differences (2P forward passes)": "中心差分（2P 次前向传播）",
    "backprop (1 forward + 1 backward)": "反向传播（1 次前向 + 1 次反向）",
    "parameters P": "参数个数 P",
    "time per gradient (ms)": "每次梯度的耗时（毫秒）",
    "one gradient": "算一次梯度",
    "measured": "实测",
    "∝ P": "∝ P",
    "central differences / backprop": "中心差分 / 反向传播",
    "how many times slower": "慢多少倍",
    "error signal δˡ = ∂L/∂zˡ": "误差信号 δˡ = ∂L/∂zˡ",
    "weight gradient ∂L/∂Wˡ": "权重梯度 ∂L/∂Wˡ",
    "layer l (M is the output layer)": "第 l 层（M 为输出层）",
    "root mean square (log scale)": "均方根（对数坐标）",
    "default: Xavier/Glorot (sigmoid, tanh), He (ReLU)": "默认：Xavier/Glorot（sigmoid、tanh），He（ReLU）",
    "order 1 (0.2 to 2)": "量级为 1（0.2 到 2）",
    "hidden layer l": "隐藏层 l",
    "standard deviation of zˡ": "zˡ 的标准差",
    # scenes/training.py: what a run did
    "diverged after {epochs} epochs: the loss became huge or non-finite, η is too large":
        "训练 {epochs} 轮后发散：损失变得极大或不是有限数，学习率 η 太大",
    "before training": "训练之前",
    "unstable: the training loss ends above where it started although {acc:.0%} of the training points are "
    "right — over-confident: a few points called wrong with near certainty cost a large loss; η is too large":
        "不稳定：虽然 {acc:.0%} 的训练点分类正确，训练损失最后却比开始时还高——这是过度自信：少数几个点以近乎"
        "确定的把握被分错，代价是很大的损失；学习率 η 太大",
    "unstable: η is too large, the training loss ends above where it started":
        "不稳定：学习率 η 太大，训练损失最后比开始时还高",
    "barely learning (underfitting): η too small, too few epochs or too few units":
        "几乎没有学到东西（欠拟合）：学习率 η 太小、轮数太少或隐藏单元太少",
    "the validation loss never falls below its start, though {acc:.0%} of the validation points are right: "
    "over-confident mistakes on a few of them; η is large":
        "验证损失从未低于开始时的值，尽管 {acc:.0%} 的验证点分类正确：少数几个点被过度自信地分错；"
        "学习率 η 偏大",
    "overfitting: validation loss lowest at epoch {best}, then rising while training loss falls":
        "过拟合：验证损失在第 {best} 轮最低，之后在训练损失继续下降的同时回升",
    "training and validation loss fall together": "训练损失和验证损失一起下降",
    "DIVERGED after {e} epochs": "{e} 轮后发散",
    "epoch {e}: UNSTABLE, η too large": "第 {e} 轮：不稳定，学习率 η 太大",
    "epoch {e}: val. acc. {acc:.0%}": "第 {e} 轮：验证准确率 {acc:.0%}",
    "epoch {e}: train loss {tl:.3f}, val loss {vl:.3f}, train acc {ta:.1%}, val acc {va:.1%}":
        "第 {e} 轮：训练损失 {tl:.3f}，验证损失 {vl:.3f}，训练准确率 {ta:.1%}，验证准确率 {va:.1%}",
}
