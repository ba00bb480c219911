"""简体中文 for the sentences of the course layer: English (as written in the code) → Chinese.

Terms follow the glossary of notebooks/00_index.ipynb. Format fields ({k}, {loss:.4f}, ...) are kept
exactly, so both editions print the same numbers.
"""

TEXT = {
    # widgets.py
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
    # i18n.py
    "No Chinese font is installed that matplotlib knows, so Chinese text in figures would show as empty "
    "boxes. Install one (Debian/Ubuntu: sudo apt-get install fonts-noto-cjk; macOS and Windows come with "
    "one), then delete matplotlib's font list {cache}/fontlist-*.json and restart the kernel.":
        "matplotlib 找不到已安装的中文字体，图中的中文会显示成空白方框。请安装一种中文字体（Debian/Ubuntu："
        "sudo apt-get install fonts-noto-cjk；macOS 和 Windows 自带中文字体），然后删除 matplotlib "
        "的字体列表 {cache}/fontlist-*.json，再重启内核。",
    "{first} {second}": "{first}{second}",
    # feedback.py
    "its rows have different lengths (a ragged list)": "它的各行长度不一（是一个不规则的嵌套列表）",
    "it is a {kind}, not a number or an array of numbers": "它是 {kind}，既不是数字，也不是由数字组成的数组",
    "it holds NaN or inf": "它含有 NaN 或 inf",
    "{q}: ✗ give your function itself (its name, without calling it)":
        "{q}：✗ 请传入函数本身（只写函数名，不要调用它）",
    "{q}: ✗ your function raised {error}": "{q}：✗ 你的函数抛出了 {error}",
    "{q}: not yet — replace None with your answer and run the cell again.":
        "{q}：还没有作答——把 None 换成你的答案，再运行这个单元格。",
    "{q}: ✗ could not read your answer as a number/array: {why}.":
        "{q}：✗ 无法把你的答案识别为数字或数组：{why}。",
    "{q}: ✓ right — {want}.": "{q}：✓ 正确，结果是 {want}。",
    "{q}: ✗ expected shape {want}, your answer has shape {got}":
        "{q}：✗ 形状应为 {want}，你的答案形状为 {got}",
    "{q}: ✗ {got} is close, but not right to three significant figures":
        "{q}：✗ {got} 很接近了，但精确到三位有效数字时还不对",
    "{q}: ✗ {got} is not it": "{q}：✗ {got} 不对",
    "{verdict} — {diagnosis}.": "{verdict}——{diagnosis}。",
    "{verdict}.": "{verdict}。",
    "Hint: {hint}": "提示：{hint}",
    "{q}: the answer is {want}.": "{q}：答案是 {want}。",
    "the sign is flipped: check which way round the difference goes": "符号反了：检查一下差是谁减谁",
    "off by a factor of 2: look for a ½ (or a 2) you left out":
        "是正确值的 2 倍：看看是不是漏乘了一个 ½（或漏除了一个 2）",
    "off by a factor of 2: look for a 2 (or a ½) too many":
        "只有正确值的一半：看看是不是多除了一个 2（或多乘了一个 ½）",
    # exercises.py: 01 · the chain rule
    "∂L/∂w at x = 2, w = 0, b = 0, t = 1": "x = 2、w = 0、b = 0、t = 1 时的 ∂L/∂w",
    "a factor of the chain is missing: ∂z/∂w = x = 2": "链式法则少了一个因子：∂z/∂w = x = 2",
    "a factor of the chain is missing: ∂a/∂z = σ′(z) = 0.25": "链式法则少了一个因子：∂a/∂z = σ′(z) = 0.25",
    "Multiply the three local slopes: ∂L/∂a = a − t, ∂a/∂z = σ′(z), ∂z/∂w = x.":
        "把三个局部斜率乘起来：∂L/∂a = a − t，∂a/∂z = σ′(z)，∂z/∂w = x。",
    "a = σ(0) = 0.5 and σ′(0) = 0.25, so ∂L/∂w = (0.5 − 1) · 0.25 · 2.":
        "a = σ(0) = 0.5，σ′(0) = 0.25，所以 ∂L/∂w = (0.5 − 1) · 0.25 · 2。",
    "(a − t) · σ′(z) · x = (0.5 − 1) · 0.25 · 2 = −0.25.":
        "即 (a − t) · σ′(z) · x = (0.5 − 1) · 0.25 · 2 = −0.25。",
    "central slope of σ at 0.5, h = 0.001": "h = 0.001 时 σ 在 x = 0.5 处的中心差分斜率",
    "that is the one-sided slope (f(x + h) − f(x))/h: the central one steps both ways":
        "这是单侧差分的斜率 (f(x + h) − f(x))/h：中心差分要向两边各走一步",
    "Step both ways from x: f(x + h) and f(x − h), 2h apart.":
        "从 x 向两边各走一步：f(x + h) 和 f(x − h)，两点相距 2h。",
    "return (f(x + h) - f(x - h)) / (2 * h)": "写成 return (f(x + h) - f(x - h)) / (2 * h) 即可。",
    "(f(x + h) − f(x − h)) / 2h.": "即 (f(x + h) − f(x − h)) / 2h。",
    "∂L/∂b at x = 1.5, w = −0.4, b = 0.2, t = 0": "x = 1.5、w = −0.4、b = 0.2、t = 0 时的 ∂L/∂b",
    "∂z/∂b is 1, not x: the bias is added, not multiplied":
        "∂z/∂b 是 1，不是 x：偏置是加上去的，不是乘上去的",
    "a factor of the chain is missing: ∂a/∂z = σ′(z)": "链式法则少了一个因子：∂a/∂z = σ′(z)",
    "The chain is the one of ∂L/∂w with its last factor ∂z/∂b instead of ∂z/∂w.":
        "这条链就是 ∂L/∂w 的那条，只是最后一个因子由 ∂z/∂w 换成了 ∂z/∂b。",
    "z = wx + b, so ∂z/∂b = 1: ∂L/∂b = (σ(z) − t) · σ′(z) · 1.":
        "z = wx + b，所以 ∂z/∂b = 1：∂L/∂b = (σ(z) − t) · σ′(z) · 1。",
    # exercises.py: 02 · computational graphs
    "∂L/∂a for L = (a·b + c)·f": "L = (a·b + c)·f 的 ∂L/∂a",
    "a factor of the chain is missing: ∂L/∂d = f = −2": "链式法则少了一个因子：∂L/∂d = f = −2",
    "a factor of the chain is missing: ∂e/∂a = b, the other factor":
        "链式法则少了一个因子：∂e/∂a = b，也就是乘积 a·b 中的另一个因子",
    "Go back edge by edge: ∂L/∂d = f, ∂d/∂e = 1, ∂e/∂a = b; multiply them.":
        "沿着边一条一条往回走：∂L/∂d = f，∂d/∂e = 1，∂e/∂a = b；再把它们乘起来。",
    "∂L/∂a = f · 1 · b with f = −2 and b = −3.": "∂L/∂a = f · 1 · b，其中 f = −2，b = −3。",
    "∂L/∂a = ∂L/∂d · ∂d/∂e · ∂e/∂a = f · 1 · b = (−2)(−3) = 6.":
        "即 ∂L/∂a = ∂L/∂d · ∂d/∂e · ∂e/∂a = f · 1 · b = (−2)(−3) = 6。",
    "∂q/∂a for q = a·b + a at a = 2, b = −3": "q = a·b + a 在 a = 2、b = −3 处的 ∂q/∂a",
    "a is used twice: add what comes back along the + edge too (1)":
        "a 被用了两次：沿 + 那条边传回来的部分（1）也要加上",
    "a is used twice: add what comes back through a·b too (b)":
        "a 被用了两次：经过 a·b 传回来的部分（b）也要加上",
    "a reaches q along two edges: one through the product, one straight into the sum.":
        "a 沿两条边到达 q：一条经过乘法，一条直接进入加法。",
    "the product sends back b = −3, the sum sends back 1; a's grad is their sum.":
        "乘法节点传回 b = −3，加法节点传回 1；a 的 grad 是二者之和。",
    "b + 1 = −3 + 1 = −2: the contributions of the two paths add up.":
        "b + 1 = −3 + 1 = −2：两条路径的贡献相加。",
    # exercises.py: 03 · one neuron
    "∂L/∂b for x = (1, 2), w = (0.5, 1), b = 0, t = 1": "x = (1, 2)、w = (0.5, 1)、b = 0、t = 1 时的 ∂L/∂b",
    "that is δ for the old input x₂ = −1: with x₂ = 2, z, a and δ change":
        "这是旧输入 x₂ = −1 时的 δ：x₂ = 2 时，z、a 和 δ 都会变",
    "∂z/∂b = 1, so ∂L/∂b = δ; compute z, a and δ = (a − t) a(1 − a) for the new input.":
        "∂z/∂b = 1，所以 ∂L/∂b = δ；用新的输入算出 z、a 和 δ = (a − t) a(1 − a)。",
    "z = 0.5·1 + 1·2 + 0 = 2.5, a = σ(2.5).": "z = 0.5·1 + 1·2 + 0 = 2.5，a = σ(2.5)。",
    "z = 2.5, a = σ(2.5) = 0.9241, δ = (a − 1) · a(1 − a) = −0.005318.":
        "z = 2.5，a = σ(2.5) = 0.9241，δ = (a − 1) · a(1 − a) = −0.005318。",
    "∇_w L at x = (0.3, −2), w = (1, 0.2), b = 0.5, t = 0":
        "x = (0.3, −2)、w = (1, 0.2)、b = 0.5、t = 0 时的 ∇_w L",
    "a factor of the chain is missing: ∂z/∂w = x": "链式法则少了一个因子：∂z/∂w = x",
    "∂L/∂w = δ · x with δ = (a − t) · σ′(z) and z = w·x + b.":
        "∂L/∂w = δ · x，其中 δ = (a − t) · σ′(z)，z = w·x + b。",
    "z = w @ x + b; delta = (sigmoid(z) - t) * sigmoid_prime(z); return delta * x":
        "依次写 z = w @ x + b; delta = (sigmoid(z) - t) * sigmoid_prime(z); return delta * x",
    "w after one step, η = 2": "η = 2 时走一步之后的 w",
    "the step goes against the gradient: w − η ∇_w L": "这一步要逆着梯度走：w − η ∇_w L",
    "the gradient is scaled by the learning rate: w − η ∇_w L": "梯度要乘以学习率：w − η ∇_w L",
    "One step of gradient descent: w ← w − η ∇_w L.": "梯度下降的一步：w ← w − η ∇_w L。",
    "return w - lr * neuron(x, w, b, t).dL_dw": "写成 return w - lr * neuron(x, w, b, t).dL_dw 即可。",
    # exercises.py: 04 · the learning rate
    "the bound on η below which gradient descent converges on L = 3w²": "L = 3w² 上梯度下降收敛的学习率上界",
    "that is 2/λ with λ = 3, but L = 3w² is ½λw² with λ = 6: the ½ matters":
        "这是 λ = 3 时的 2/λ，但 L = 3w² 写成 ½λw² 时 λ = 6：那个 ½ 很关键",
    "1/λ is where the steps start to change sign; they still converge up to 2/λ":
        "从 1/λ 起，w 每走一步就变一次号；但一直到 2/λ 都仍然收敛",
    "Write L = 3w² as ½λw²: what is λ? The bound is 2/λ.": "把 L = 3w² 写成 ½λw²：λ 是多少？上界是 2/λ。",
    "3w² = ½ · 6 · w², so λ = 6.": "3w² = ½ · 6 · w²，所以 λ = 6。",
    "L = 3w² = ½ · 6 · w²: λ = 6 and the bound is 2/λ = 1/3.":
        "L = 3w² = ½ · 6 · w²：λ = 6，上界为 2/λ = 1/3。",
    "r for η = 0.3, λ = 5": "η = 0.3、λ = 5 时的 r",
    "the step subtracts: w − η λ w = (1 − ηλ) w": "这一步是减法：w − η λ w = (1 − ηλ) w",
    "that is ηλ, the size of the step; the factor is what is left, 1 − ηλ":
        "这是 ηλ，即这一步的大小；要的因子是剩下的部分 1 − ηλ",
    "One step on L = ½λw² takes w to w − η λ w.": "在 L = ½λw² 上走一步，w 变成 w − η λ w。",
    "return 1 - lr * lam": "写成 return 1 - lr * lam 即可。",
    "λ_max of A = [[4, 1], [1, −2]]": "A = [[4, 1], [1, −2]] 的 λ_max",
    "that is the other eigenvalue, the smaller one": "这是另一个特征值，较小的那个",
    "Repeat v ← A v / ‖A v‖ from any v, then return vᵀ A v (a number, not v).":
        "从任意 v 出发反复做 v ← A v / ‖A v‖，最后返回 vᵀ A v（一个数，不是 v）。",
    "v = np.ones(2); 100 times: v = A @ v; v /= np.linalg.norm(v); then return v @ A @ v":
        "先 v = np.ones(2)，再重复 100 次 v = A @ v; v /= np.linalg.norm(v)，最后 return v @ A @ v",
    # exercises.py: 05 · two layers by hand
    "δ2 by BP1": "用 BP1 算 δ2",
    "BP1 has a second factor, σ′(z²) = y(1 − y): δ² = (y − t)·y(1 − y)":
        "BP1 还有第二个因子 σ′(z²) = y(1 − y)：δ² = (y − t)·y(1 − y)",
    "σ′(z²) is y(1 − y), both factors": "σ′(z²) 是 y(1 − y)，两个因子都要有",
    "BP1: δ² = (y − t) · σ′(z²), and σ′(z²) = y(1 − y) for the sigmoid.":
        "BP1：δ² = (y − t) · σ′(z²)，对 sigmoid 函数有 σ′(z²) = y(1 − y)。",
    "(0.69028349 − 0.5) · 0.69028349 · (1 − 0.69028349).":
        "即 (0.69028349 − 0.5) · 0.69028349 · (1 − 0.69028349)。",
    "δ² = (y − t)·y(1 − y) = 0.19028 · 0.21379 = 0.040681.":
        "即 δ² = (y − t)·y(1 − y) = 0.19028 · 0.21379 = 0.040681。",
    "δ1 by BP2": "用 BP2 算 δ1",
    "a (2, 2) result: numpy broadcast the (2, 1) column δ²·W² against the (1, 2) row σ′(z¹) — the bug of "
    "the post 反向传播算法的理解; write δ² W²ᵀ, a (1, 1) by (1, 2) product":
        "结果是 (2, 2)：numpy 把 (2, 1) 的列 δ²·W² 和 (1, 2) 的行 σ′(z¹) "
        "广播到了一起——这正是博文《反向传播算法的理解》里的 bug；应写成 δ² W²ᵀ，即 (1, 1) 乘 (1, 2)",
    "BP2 ends with ⊙ σ′(z¹): the slope of the hidden sigmoid is missing":
        "BP2 的最后是 ⊙ σ′(z¹)：漏掉了隐藏层 sigmoid 函数的斜率",
    "a (2, 1) column: samples are rows here, so δ¹ is a row (1, 2)":
        "结果是 (2, 1) 的列向量：这里样本按行排列，所以 δ¹ 应是 (1, 2) 的行向量",
    "BP2: δ¹ = (δ² W²ᵀ) ⊙ σ′(z¹); check the shapes: (1, 1) @ (1, 2) → (1, 2).":
        "BP2：δ¹ = (δ² W²ᵀ) ⊙ σ′(z¹)；核对形状：(1, 1) @ (1, 2) → (1, 2)。",
    "return (delta2 @ W2.T) * sigmoid_prime(z1)": "写成 return (delta2 @ W2.T) * sigmoid_prime(z1) 即可。",
    "dW1 for two samples": "两个样本时的 dW1",
    "that is δᵀ a_prev, ∂L/∂W transposed (Nielsen's column convention); with samples in rows, ∂L/∂W = "
    "a_prevᵀ δ":
        "这是 δᵀ a_prev，即 ∂L/∂W 的转置（Nielsen 书中样本按列排的写法）；样本按行排时，∂L/∂W = a_prevᵀ δ",
    "1/N applied twice: δ already carries the 1/N of the mean loss, so do not divide by N again":
        "1/N 乘了两次：δ 已经带有平均损失的 1/N，不要再除以 N",
    "BP4: ∂L/∂W = a_prevᵀ δ; the product sums over the samples (the rows).":
        "BP4：∂L/∂W = a_prevᵀ δ；这个乘积会对样本（即各行）求和。",
    "return a_prev.T @ delta": "写成 return a_prev.T @ delta 即可。",
    # exercises.py: 06 · mini-batches
    "factor by which dL/dW1 changes": "dL/dW1 变化的倍数",
    "a sum would double; the loss is a mean over the samples, and so is its gradient":
        "如果是求和才会翻倍；损失是对样本取的平均，它的梯度也是",
    "Is L = 1/(2N) Σ ||y − t||² a sum or a mean over the samples?":
        "L = 1/(2N) Σ ||y − t||² 是对样本求和，还是取平均？",
    "Every sample twice: the sum doubles, and so does N.": "每个样本出现两次：和翻倍，N 也翻倍。",
    "The mean of the same numbers, each twice, is the same mean: the factor is 1.":
        "同样的数各出现两次，平均值不变：倍数是 1。",
    "average of the per-sample dL/dW2": "逐样本 dL/dW2 的平均",
    "that is the sum of the 50 per-sample gradients: divide by N": "这是 50 个逐样本梯度的和：要除以 N",
    "1/N applied twice: the mean already divides the sum by N once":
        "1/N 乘了两次：取平均时已经把和除过一次 N 了",
    "For each key, the mean over the list of per-sample gradient dicts.":
        "对每个键，在由逐样本梯度字典组成的列表上取平均。",
    "return {key: np.mean([g[key] for g in grads], axis=0) for key in grads[0]}":
        "写成 return {key: np.mean([g[key] for g in grads], axis=0) for key in grads[0]} 即可。",
    "speed-ups": "加速比",
    "matrix time over loop time: the speed-up is loop / matrix":
        "这是矩阵耗时除以循环耗时：加速比应是循环耗时 / 矩阵耗时",
    "Columns: N, loop seconds, matrix seconds; the speed-up is how many times faster the matrices are.":
        "各列依次是：N、循环耗时（秒）、矩阵耗时（秒）；加速比是矩阵运算快了多少倍。",
    "return table[:, 1] / table[:, 2]": "写成 return table[:, 1] / table[:, 2] 即可。",
    # exercises.py: 07 · gradient checking
    "relative error of a gradient off by a factor 2": "梯度错成 2 倍时的相对误差",
    "‖2g − g‖ is divided by ‖2g‖ + ‖g‖ = 3‖g‖, not by ‖2g‖": "‖2g − g‖ 要除以 ‖2g‖ + ‖g‖ = 3‖g‖，而不是 ‖2g‖",
    "‖2g − g‖ = ‖g‖ is divided by ‖2g‖ + ‖g‖, not by ‖g‖": "‖2g − g‖ = ‖g‖ 要除以 ‖2g‖ + ‖g‖，而不是 ‖g‖",
    "Put g_backprop = 2g and g_numerical = g into ‖a − b‖ / (‖a‖ + ‖b‖).":
        "把 g_backprop = 2g 和 g_numerical = g 代入 ‖a − b‖ / (‖a‖ + ‖b‖)。",
    "‖2g − g‖ = ‖g‖ and ‖2g‖ + ‖g‖ = 3‖g‖.": "‖2g − g‖ = ‖g‖，而 ‖2g‖ + ‖g‖ = 3‖g‖。",
    "‖g‖ / 3‖g‖ = 1/3, whatever g is: the relative error does not depend on the scale.":
        "‖g‖ / 3‖g‖ = 1/3，与 g 是什么无关：相对误差不依赖于尺度。",
    "central_difference": "函数 central_difference",
    "(f(x + h) − f(x − h)) / 2h, with h = 1e-5 by default.": "(f(x + h) − f(x − h)) / 2h，h 默认取 1e-5。",
    "implied gradient of W2": "W2 的隐含梯度",
    "the change of W is −η times the gradient: divide by −η": "W 的变化量是梯度的 −η 倍：要除以 −η",
    "An update before → after made with learning rate η used the gradient (after − before) / (−η).":
        "用学习率 η 把 before 更新成 after，所用的梯度就是 (after − before) / (−η)。",
    "return {key: (after[key] - before[key]) / -lr for key in before}":
        "写成 return {key: (after[key] - before[key]) / -lr for key in before} 即可。",
    # exercises.py: 08 · loss curves
    "gradient steps in 30 epochs with batches of 10": "批大小为 10 时 30 轮的梯度下降步数",
    "the last, smaller batch (4 samples) is a step too: ⌈84/10⌉ = 9 steps per epoch":
        "最后那个较小的批（4 个样本）也算一步：每轮 ⌈84/10⌉ = 9 步",
    "one step per epoch is the whole set as one batch; batches of 10 make several":
        "每轮一步是把整个数据集当作一批；批大小为 10 时每轮有好几步",
    "that is one step per sample; there is one step per batch": "这是每个样本一步；实际上是每批一步",
    "An epoch visits each of the 84 training samples once, one batch of 10 per step.":
        "一轮把 84 个训练样本各过一遍，每一步用一批 10 个样本。",
    "84 samples in batches of 10: 8 full batches and one of 4.":
        "84 个样本按每批 10 个分：8 个满批，外加一个 4 个样本的批。",
    "⌈84/10⌉ = 9 steps per epoch, 30 epochs: 270 steps.": "每轮 ⌈84/10⌉ = 9 步，共 30 轮：270 步。",
    "best epoch": "最佳轮次",
    "that is the lowest loss itself; the question is at which epoch (its index)":
        "这是最低的损失值本身；问的是它出现在第几轮（它的下标）",
    "The index of the smallest entry of val_loss.": "val_loss 中最小元素的下标。",
    "return int(np.argmin(val_loss))": "写成 return int(np.argmin(val_loss)) 即可。",
    "generalisation gap": "泛化差距",
    "that uses the lowest validation loss; the gap is taken at the last epoch":
        "这里用了最低的验证损失；差距要在最后一轮取",
    "Validation loss minus training loss, both at the last recorded epoch.":
        "验证损失减去训练损失，两者都取最后记录的那一轮。",
    "return run['val_loss'][-1] - run['train_loss'][-1]":
        "写成 return run['val_loss'][-1] - run['train_loss'][-1] 即可。",
    # exercises.py: 09 · layers and digits
    "misclassified test digits": "分错的测试数字个数",
    "that is the fraction of digits wrong; multiply it by the 449 test digits":
        "这是分错的比例；还要乘以测试数字的总数 449",
    "The test accuracy is the fraction right; the rest of the 449 digits are wrong.":
        "测试准确率是分对的比例；449 个数字中其余的都分错了。",
    "449 · (1 − 0.976), rounded to a whole digit.": "449 · (1 − 0.976)，四舍五入到整数。",
    "per-class accuracy": "每个类别的准确率",
    "divided by the column sums (the predictions); row i holds the digits that truly are i":
        "你除以的是列和（被预测为各类的个数）；而第 i 行是真实为 i 的那些数字",
    "Row i of C counts the test digits that are i; the diagonal entry counts those called i.":
        "C 的第 i 行统计真实为 i 的测试数字；对角线上的元素统计其中被判为 i 的个数。",
    "return np.diag(C) / C.sum(axis=1)": "写成 return np.diag(C) / C.sum(axis=1) 即可。",
    "relu_backward, then dout": "relu_backward 的结果，以及调用后的 dout",
    "dout was modified in place (dout[mask] = 0 writes into the caller's array); build a new array instead":
        "dout 被原地修改了（dout[mask] = 0 会写进调用者的数组）；应该新建一个数组",
    "mask is True where z ≤ 0: those entries become 0, the others pass":
        "mask 在 z ≤ 0 处为 True：这些元素变成 0，其余元素原样传回",
    "Where mask is True the result is 0, elsewhere it is dout; leave dout as it was.":
        "mask 为 True 处结果为 0，其余位置等于 dout；不要改动 dout。",
    "return np.where(mask, 0.0, dout)": "写成 return np.where(mask, 0.0, dout) 即可。",
    # engine_check.py
    "it overwrites the grad with `=`: a value used in two places must collect both contributions, so add "
    "with `+=`":
        "它用 `=` 覆盖了 grad：一个在两处被用到的值必须把两份贡献都收集起来，所以要用 `+=` 累加",
    "it forgets the upstream gradient: multiply the local derivative by out.grad":
        "它忘了上游梯度：要把局部导数乘以 out.grad",
    "the sign is flipped": "符号反了",
    "each factor got its own value: ∂(a·b)/∂a is the *other* factor, b":
        "每个因子的梯度用的是它自己的值：∂(a·b)/∂a 是乘积中“另一个”因子 b",
    "n·aⁿ instead of n·aⁿ⁻¹: the power rule lowers the exponent by one":
        "算成了 n·aⁿ 而不是 n·aⁿ⁻¹：幂函数的求导法则要把指数减一",
    "1 − a² uses the input: tanh′ is 1 − tanh(a)², one minus the *output* squared":
        "1 − a² 用的是输入：tanh′ 是 1 − tanh(a)²，即 1 减去“输出”的平方",
    "✗ rule {rule}: running it raised {error}": "✗ 规则 {rule}：运行时抛出了 {error}",
    "✓ rule {rule}": "✓ 规则 {rule}",
    "rule {rule}: not yet — the rule leaves the grads as they were; replace `pass` with your code and run "
    "the cell that defines it again.":
        "规则 {rule}：还没有完成——这条规则没有改变任何 grad；把 `pass` 换成你的代码，"
        "再重新运行定义它的那个单元格。",
    "✗ rule {rule}: with out.grad = {up} and input grads {before} before, the inputs' grads came out {got}, "
    "expected {want}":
        "✗ 规则 {rule}：out.grad = {up}、输入的 grad 原本为 {before} 时，输入的 grad 变成了 {got}，应为 "
        "{want}",
    "{report} — {why}": "{report}——{why}。",
    "✗ backward on tanh(a·b + a)²·3 + b raised {error}":
        "✗ 在 tanh(a·b + a)²·3 + b 上运行 backward 时抛出了 {error}",
    "{mark} L = tanh(a·b + a)²·3 + b at a = {a}, b = {b}: backward gives ∂L/∂a, ∂L/∂b = {mine}; central "
    "differences give {numeric}":
        "{mark} L = tanh(a·b + a)²·3 + b 在 a = {a}、b = {b} 处：backward 给出 ∂L/∂a, ∂L/∂b = {mine}；"
        "中心差分给出 {numeric}",
    # bugs.py
    "the gradients are summed over the batch instead of averaged": "梯度在批上求了和，而不是取平均",
    "the output weights are updated first, and δ1 is computed with the new ones":
        "先更新了输出层权重，再用新的权重计算 δ1",
    "δ1 forgets the slope of the hidden sigmoid, σ′(z1)": "δ1 漏掉了隐藏层 sigmoid 函数的斜率 σ′(z1)",
    "a (1, 2) row, made by broadcasting, is added to both rows of the hidden weights":
        "一个由广播得到的 (1, 2) 行被加到了隐藏层权重的两行上",
    "the backward pass reuses hidden activations from before the last update":
        "反向传播用的是上一次更新之前的隐藏层激活值",
    "δ1 multiplies by W2 instead of by W2ᵀ": "δ1 乘的是 W2，而不是 W2ᵀ",
    "missing σ′": "漏了 σ′",
    "missing transpose": "漏了转置",
    "no batch mean": "没有对批取平均",
    "stale forward value": "过期的前向传播结果",
    "update, then propagate (手写BP算法)": "先更新、再传播，出自《手写BP算法》",
    "broadcasting (反向传播算法的理解)": "广播，出自《反向传播算法的理解》",
    "the checker flags W1 and b1 only, so the mistake is in δ1; its error stays the same at any η "
    "(bugs.show('A', lr=1e-4)), and it runs on a W2 that is not square (bugs.show('A', hidden=4))":
        "检验器只标出了 W1 和 b1，所以错误在 δ1 里；它的误差在任何 η 下都一样（bugs.show('A', lr=1e-4)），"
        "而且在 W2 不是方阵时也能运行（bugs.show('A', hidden=4)）",
    "the checker flags W1 and b1 only, so the mistake is in δ1; does it still run when W2 is not square? "
    "Try bugs.show('B', hidden=4)":
        "检验器只标出了 W1 和 b1，所以错误在 δ1 里；W2 不是方阵时它还能运行吗？试试 bugs.show('B', hidden=4)",
    "every parameter is off, by the same relative error: something scales every gradient alike":
        "每个参数都错了，而且相对误差都一样：有什么东西把所有梯度按同一比例放大或缩小了",
    "W1, b1 and W2 are off, b2 is not: look for a number that enters those three gradients but not b2's":
        "W1、b1 和 W2 错了，b2 没错：想一想，哪个数进入了这三个梯度，却不进入 b2 的梯度",
    "the checker flags W1 and b1 only, so the mistake is in δ1; its error shrinks with η: compare "
    "bugs.show('E', lr=1e-4)":
        "检验器只标出了 W1 和 b1，所以错误在 δ1 里；它的误差随 η 变小而变小：对比一下 bugs.show('E', "
        "lr=1e-4)",
    "it runs on the worked example's 2-2-1 net and only W1 is off":
        "它在算例的 2-2-1 网络上能运行，而且只有 W1 错了",
    "bug {letter} does not even run on a 3-{hidden}-3 net, whose W2 is not square: numpy refuses the product":
        "bug {letter} 在 3-{hidden}-3 网络上根本无法运行：这个网络的 W2 不是方阵，numpy 拒绝做这个乘法",
    "✗ give a dict like {example}": "✗ 请给出一个字典，例如 {example}",
    'bug {letter}: not yet — run bugs.show("{letter}") and pick its description.':
        'bug {letter}：还没有作答——先运行 bugs.show("{letter}")，再选出对应的描述。',
    "bug {letter}: ✗ pick a description number from 1 to 6, got {number!r}.":
        "bug {letter}：✗ 请从 1 到 6 中选一个描述编号，你给的是 {number!r}。",
    "bug {letter}: ✗ description {number} is given to more than one bug; each fits one.":
        "bug {letter}：✗ 描述 {number} 被分给了不止一个 bug；每条描述只对应一个 bug。",
    "bug {letter}: ✓ {description} ({name}).": "bug {letter}：✓ 没错，{description}（{name}）。",
    "bug {letter}: ✗ not description {number}: {evidence}.":
        "bug {letter}：✗ 不是描述 {number}：{evidence}。",
    # scenes/graph.py
    "Nothing is computed yet: Next runs the forward pass, one node at a time.":
        "还什么都没有算：按“下一步”开始前向传播，一次算一个节点。",
    "forward pass, node {k} of {n}: {formula}": "前向传播，第 {k} 个节点（共 {n} 个）：{formula}",
    "backward pass, step {j} of {m}: {rule}; {numbers}":
        "反向传播，第 {j} 步（共 {m} 步）：{rule}；{numbers}。",
    "{name} is used again: its grad is a partial sum so far.":
        "{name} 还被别处用到：它的梯度目前只是部分和。",
    "the graph as it is: every value, and the grads computed so far":
        "计算图当前的样子：所有的值，以及到目前为止已算出的梯度",
    "{d} += {upstream:.4g} · {local} = {contribution:.4g}, now {d} = {grad:.4g}":
        "{d} += {upstream:.4g} · {local} = {contribution:.4g}，现在 {d} = {grad:.4g}",
    # scenes/backprop_steps.py
    "The forward pass is done: x, a¹, y and σ′ are known; every δ and ∂L/∂W is still blank. Each step marks "
    "the numbers it uses in blue and the one it computes in orange.":
        "前向传播已经完成：x、a¹、y 和 σ′ 都已知；所有的 δ 和 ∂L/∂W 还是空的。每一步用蓝色标出它用到的数，"
        "用橙色标出它算出的数。",
    "BP1, the error of the output: {formula} {numbers}": "BP1，输出层的误差：{formula} {numbers}",
    "BP2, the error of hidden unit {j}: {formula} {numbers}":
        "BP2，第 {j} 个隐藏单元的误差：{formula} {numbers}",
    "BP4, the gradient of one weight: {formula} {numbers}": "BP4，一个权重的梯度：{formula} {numbers}",
    # scenes/summary.py
    "forward": "前向传播",
    "no biases in the worked example": "这个算例没有偏置",
    "Backpropagation on one page": "一页纸上的反向传播",
    "Rows are samples (a batch of N); layers l = 1 … M; ⊙ is the elementwise product; δ = ∂L/∂z; f is the "
    "activation (σ here).\nNumbers: the 2-2-1 worked example, x = (0.35, 0.9), t = 0.5, no biases.":
        "每一行是一个样本（一批共 N 个）；层 l = 1 … M；⊙ 是逐元素乘积；δ = ∂L/∂z；f 是激活函数（这里是 σ）"
        "。\n数值：2-2-1 算例，x = (0.35, 0.9)，t = 0.5，没有偏置。",
    "shapes:": "形状：",
    "Update: W ← W − η ∂L/∂W, b ← b − η ∂L/∂b. With L the mean over the batch, ∇ₐL carries the 1/N;\nfor "
    "softmax with cross-entropy, BP1 is δᴹ = (y − t)/N: the softmax Jacobian cancels.":
        "更新：W ← W − η ∂L/∂W，b ← b − η ∂L/∂b。L 取批上的平均时，∇ₐL 带有 1/N；\nsoftmax 函数配合交叉熵时，"
        "BP1 为 δᴹ = (y − t)/N：softmax 的雅可比矩阵被约掉了。",
    # scenes/chain_rule.py
    "secant through x and x + h": "过 x 与 x + h 的割线",
    "tangent at x (slope f′(x))": "x 处的切线（斜率 f′(x)）",
    "secant slope {secant}, tangent slope {tangent}, error {error}":
        "割线斜率 {secant}，切线斜率 {tangent}，误差 {error}",
    "x = {x}, h = {h:.3g}: secant slope {secant}, f′(x) = {tangent}":
        "x = {x}，h = {h:.3g}：割线斜率 {secant}，f′(x) = {tangent}",
    # scenes/neuron_graph.py, worked_example.py
    "black: value above the edge · red: ∂L/∂(value) below": "黑色：边上方的值 · 红色：边下方的 ∂L/∂(该值)",
    "L(w₁, w₂), dark = low; arrow: one step": "L(w₁, w₂)，越深越低；箭头：一步梯度下降",
    "loss L": "损失 L",
    "L = {loss}, ∇_w L = ({g1}, {g2}); one step with η = {lr} → w = ({n1}, {n2}), L = {new_loss}":
        "L = {loss}，∇_w L = ({g1}, {g2})；以 η = {lr} 走一步 → w = ({n1}, {n2})，L = {new_loss}",
    "on each edge: its weight W, and ∂ = ∂L/∂W below it": "每条边上：权重 W，其下方为 ∂ = ∂L/∂W",
    "update, η = {lr:g}:": "更新，η = {lr:g}：",
    # scenes/learning_rate.py, with the regimes of bp_core.curvature
    "monotone": "单调",
    "oscillating, converging": "振荡收敛",
    "stuck oscillating": "持续振荡",
    "diverging": "发散",
    "fell steadily": "稳步下降",
    "barely moved": "几乎不动",
    "fell overall, rising on the way": "总体下降，但途中有上升",
    "ended higher": "最终更高",
    "blew up": "爆炸",
    "step k": "第 k 步",
    "|r| < 1: converges": "|r| < 1：收敛",
    "learning rate η": "学习率 η",
    "update factor r": "更新因子 r",
    "η = {lr:.3f} — {regime}: w is multiplied by r = 1 − ηλ = {r} each step (|w| = {w:.3g} after {k} steps)":
        "η = {lr:.3f}——{regime}：每一步 w 都乘以 r = 1 − ηλ = {r}（{k} 步后 |w| = {w:.3g}）",
    "η = {lr:.3f} — {regime}: w is multiplied by r = 1 − ηλ = {r} each step":
        "η = {lr:.3f}——{regime}：每一步 w 都乘以 r = 1 − ηλ = {r}",
    "η = {lr:.3f}, 2/λ = {bound:.3g}: {regime}, r = {r}, w_{k} = {w}":
        "η = {lr:.3f}，2/λ = {bound:.3g}：{regime}，r = {r}，w_{k} = {w}",
    "η = {lr:.3f} (2/λ_max = {bound:.3g}): {regime}": "η = {lr:.3f}（2/λ_max = {bound:.3g}）：{regime}",
    "η = {lr:.3f}: along w₁ {first}, along w₂ {second}; overall {overall}; L after {k} steps = {loss:.3g}":
        "η = {lr:.3f}：沿 w₁ 方向{first}，沿 w₂ 方向{second}；总体{overall}；{k} 步后 L = {loss:.3g}",
    "loss at the start": "起点处的损失",
    "training loss L": "训练损失 L",
    "L after {k} steps": "{k} 步后的 L",
    "highest L on the way": "途中最高的 L",
    "current η": "当前的 η",
    "loss": "损失",
    "η = {lr:.3g} is below 2/λ_max = {bound:.3g}: loss {regime} ({first:.4f} → {last:.4f})":
        "η = {lr:.3g} 低于 2/λ_max = {bound:.3g}：损失{regime}（{first:.4f} → {last:.4f}）",
    "η = {lr:.3g} is above 2/λ_max = {bound:.3g}: loss {regime} ({first:.4f} → {last:.4f})":
        "η = {lr:.3g} 高于 2/λ_max = {bound:.3g}：损失{regime}（{first:.4f} → {last:.4f}）",
    "η = {lr:.3g}, 2/λ_max = {bound:.3g}: {regime}, L {first:.4f} → {last:.4f}":
        "η = {lr:.3g}，2/λ_max = {bound:.3g}：{regime}，L {first:.4f} → {last:.4f}",
    # scenes/mini_batches.py
    "per-sample loops (loops.py)": "逐样本循环（loops.py）",
    "matrices (TwoLayerNet.gradient)": "矩阵运算（TwoLayerNet.gradient）",
    "batch size N (samples)": "批大小 N（样本数）",
    "One gradient of a 2-4-1 net: loops vs matrices": "2-4-1 网络算一次梯度：循环与矩阵运算",
    "batch size 1 (per sample)": "批大小 1（逐样本）",
    "batch size b": "批大小 b",
    "samples seen": "已处理的样本数",
    "loss L on all samples": "全部样本上的损失 L",
    "Half-plane, 2-4-1 net, η = 2": "半平面数据，2-4-1 网络，η = 2",
    "batch size {b}": "批大小 {b}",
    "batch size {b}: {steps} steps, final loss {loss:.4f}": "批大小 {b}：{steps} 步，最终损失 {loss:.4f}",
    # scenes/gradient_check.py, with the verdicts of bp_core.gradcheck
    "step h": "步长 h",
    "relative error of the slope": "斜率的相对误差",
    "Central difference of ½(σ(wx+b) − t)²: truncation ↘, round-off ↗":
        "½(σ(wx+b) − t)² 的中心差分：截断误差 ↘，舍入误差 ↗",
    "h = {h:.1e}: error {e64:.1e} in float64, {e32:.1e} in float32":
        "h = {h:.1e}：float64 下误差为 {e64:.1e}，float32 下为 {e32:.1e}",
    "param": "参数",
    "shape": "形状",
    "rel. error": "相对误差",
    "verdict": "判定",
    "(kink crossed)": "（越过了折点）",
    "ok": "通过",
    "kink": "折点",
    "inconclusive": "无法判定",
    "wrong": "错误",
    # scenes/training.py
    "training": "训练集",
    "validation": "验证集",
    "epoch": "轮",
    "cross-entropy loss": "交叉熵损失",
    "above {high:g}: off the scale": "高于 {high:g}：超出坐标范围",
    "probability of class 1": "类别 1 的概率",
    "0: class 0": "0：类别 0",
    "1: class 1": "1：类别 1",
    "decision map (● train, △ validation)": "决策图（● 训练集，△ 验证集）",
    "epoch 0": "第 0 轮",
    # scenes/training.py: what a run did
    "diverged after {epochs} epochs: the loss became huge or non-finite, η is too large":
        "训练 {epochs} 轮后发散：损失变得极大或不再是有限值，学习率 η 太大",
    "before training": "训练之前",
    "unstable: the training loss ends above where it started although {acc:.0%} of the training points are "
    "right — over-confident: a few points called wrong with near certainty cost a large loss; η is too large":
        "不稳定：虽然 {acc:.0%} 的训练点分类正确，训练损失最后却比开始时还高——这是过度自信："
        "少数几个点被以近乎百分之百的把握分错，每个都带来很大的损失；学习率 η 太大",
    "unstable: η is too large, the training loss ends above where it started":
        "不稳定：学习率 η 太大，训练损失最后比开始时还高",
    "barely learning (underfitting): η too small, too few epochs or too few units":
        "几乎没有学到东西（欠拟合）：学习率 η 太小、轮数太少或隐藏单元太少",
    "the validation loss never falls below its start, though {acc:.0%} of the validation points are right: "
    "over-confident mistakes on a few of them; η is large":
        "虽然 {acc:.0%} 的验证点分类正确，验证损失却始终没有低于开始时的值：少数几个点被过度自信地分错了；"
        "学习率 η 偏大",
    "overfitting: validation loss lowest at epoch {best}, then rising while training loss falls":
        "过拟合：验证损失在第 {best} 轮最低，之后训练损失继续下降，验证损失却在回升",
    "training and validation loss fall together": "训练损失和验证损失一起下降",
    "DIVERGED after {e} epochs": "{e} 轮后发散",
    "epoch {e}: UNSTABLE, η too large": "第 {e} 轮：不稳定，学习率 η 太大",
    "epoch {e}: val. acc. {acc:.0%}": "第 {e} 轮：验证准确率 {acc:.0%}",
    "epoch {e}: train loss {tl:.3f}, val loss {vl:.3f}, train acc {ta:.1%}, val acc {va:.1%}":
        "第 {e} 轮：训练损失 {tl:.3f}，验证损失 {vl:.3f}，训练准确率 {ta:.1%}，验证准确率 {va:.1%}",
    "{status} — {verdict}": "{status}——{verdict}",
    # scenes/digits.py
    "step (mini-batch)": "步数（每步一个小批量）",
    "loss on the mini-batch": "小批量上的损失",
    "training (running)": "训练集（边训练边统计）",
    "test": "测试集",
    "accuracy": "准确率",
    "predicted digit": "预测的数字",
    "true digit": "真实的数字",
    "confusion matrix (test set)": "混淆矩阵（测试集）",
    "digit": "数字",
    "probability": "概率",
    "softmax output": "softmax 输出",
    "test digit": "测试样本",
    "true": "真实",
    "✓ true": "✓ 真实",
    "test digit {i}: true {true}, predicted {predicted} (right)":
        "测试样本 {i}：真实为 {true}，预测为 {predicted}（正确）",
    "test digit {i}: true {true}, predicted {predicted} (WRONG)":
        "测试样本 {i}：真实为 {true}，预测为 {predicted}（错误）",
    "digit {i}: true {true}, predicted {predicted} with p = {p:.3f}":
        "样本 {i}：真实为 {true}，预测为 {predicted}，p = {p:.3f}",
    "digit {i}: true {true}, predicted {predicted} with p = {p:.3f}; mistake {k} of {n}":
        "样本 {i}：真实为 {true}，预测为 {predicted}，p = {p:.3f}；第 {k} 个错误（共 {n} 个）",
    # scenes/gradient_cost.py, vanishing_gradients.py, initialisation.py
    "central differences (2P forward passes)": "中心差分（2P 次前向传播）",
    "backprop (1 forward + 1 backward)": "反向传播（1 次前向 + 1 次反向）",
    "parameters P": "参数个数 P",
    "time per gradient (ms)": "算一次梯度的耗时（毫秒）",
    "one gradient": "算一次梯度",
    "measured": "实测",
    "∝ P": "∝ P",
    "central differences / backprop": "中心差分 / 反向传播",
    "how many times slower": "慢多少倍",
    "error signal δˡ = ∂L/∂zˡ": "误差信号 δˡ = ∂L/∂zˡ",
    "weight gradient ∂L/∂Wˡ": "权重梯度 ∂L/∂Wˡ",
    "layer l (M is the output layer)": "第 l 层（最后一层 M 为输出层）",
    "root mean square (log scale)": "均方根（对数坐标）",
    "default: Xavier/Glorot (sigmoid, tanh), He (ReLU)": "默认：Xavier/Glorot（sigmoid、tanh），He（ReLU）",
    "order 1 (0.2 to 2)": "量级为 1（0.2 到 2）",
    "hidden layer l": "隐藏层 l",
    "standard deviation of zˡ": "zˡ 的标准差",
    # text alternatives of the pictures (scene.describe() and the figure functions), for screen readers
    "Plot of f(x) = {name}(x) for x from {low:g} to {high:g}, with its tangent at x = {x} (slope f′(x) = "
    "{tangent}) and the secant through x and x + h, h = {h:.3g} (slope {secant}): the secant's slope is off "
    "by {error}.":
        "f(x) = {name}(x) 在 x 从 {low:g} 到 {high:g} 上的图像，画有 x = {x} 处的切线（斜率 f′(x) = "
        "{tangent}）和过 x 与 x + h 的割线，h = {h:.3g}（斜率 {secant}）：割线斜率的误差为 {error}。",
    "Three plots of the chain x → z = wx + b → a = σ(z) → L = ½(a − t)² at x = {x}, w = {w}, b = {b}, t = "
    "{t}, each with a tangent: a against z, at z = {z}, a = {a}, slope da/dz = {da_dz}; L against a, at L = "
    "{loss}, slope dL/da = {dL_da}; L against w, slope dL/dw = {dL_dw}, the product of the two slopes and "
    "dz/dw = x.":
        "链 x → z = wx + b → a = σ(z) → L = ½(a − t)² 在 x = {x}、w = {w}、b = {b}、t = {t} 处的三幅图，每幅"
        "都画有一条切线：a 随 z 变化，在 z = {z}、a = {a} 处斜率 da/dz = {da_dz}；L 随 a 变化，在 L = {loss} "
        "处斜率 dL/da = {dL_da}；L 随 w 变化，斜率 dL/dw = {dL_dw}，等于前两个斜率与 dz/dw = x 的乘积。",
    "Left: one neuron as a computational graph, each edge with its value and ∂L/∂(that value): x₁ = {x1} "
    "times w₁ = {w1} plus x₂ = {x2} times w₂ = {w2} plus b = {b} gives z = {z}, a = σ(z) = {a} and L = "
    "{loss} for t = {t}; ∂L/∂w₁ = {g1}, ∂L/∂w₂ = {g2}, ∂L/∂b = {gb}. Right: L over the (w₁, w₂) plane in "
    "bands of equal loss, and an arrow for one step with η = {lr} from ({w1}, {w2}) to ({n1}, {n2}), where L "
    "= {new_loss}.":
        "左图：画成计算图的一个神经元，每条边上标着它的值和 ∂L/∂（该值）：x₁ = {x1} 乘 w₁ = {w1}，加上 x₂ = "
        "{x2} 乘 w₂ = {w2}，再加 b = {b}，得到 z = {z}、a = σ(z) = {a}，目标 t = {t} 时 L = {loss}；∂L/∂w₁ = "
        "{g1}，∂L/∂w₂ = {g2}，∂L/∂b = {gb}。右图：(w₁, w₂) 平面上按等损失分带着色的 L，箭头表示 η = {lr} 的"
        "一步梯度下降，从 ({w1}, {w2}) 到 ({n1}, {n2})，那里 L = {new_loss}。",
    "Three plots of gradient descent on L(w) = ½λw², λ = {lam:g}, from w = {w0:g} with η = {lr:.3f}: the "
    "path of w on the parabola, log₁₀ L against the step, and the update factor r = 1 − ηλ against η with "
    "the band |r| < 1 where it converges, up to η = 2/λ = {bound:.3g}. Here r = {r}: {regime}; after {k} "
    "steps w = {w}.":
        "在 L(w) = ½λw²（λ = {lam:g}）上从 w = {w0:g} 出发、η = {lr:.3f} 的梯度下降的三幅图：w 在抛物线上的"
        "路径，log₁₀ L 随步数的变化，以及更新因子 r = 1 − ηλ 随 η 的变化，其中 |r| < 1 的带状区域表示收敛，"
        "一直到 η = 2/λ = {bound:.3g}。此处 r = {r}：{regime}；{k} 步后 w = {w}。",
    "Gradient descent on the bowl L = ½(λ₁w₁² + λ₂w₂²), λ₁ = {l1:g}, λ₂ = {l2:g}, with η = {lr:.3f}: its "
    "path over the contour lines from ({a:g}, {b:g}) towards the minimum ★ (along w₁: {first}; along w₂: "
    "{second}; overall: {overall}), and log₁₀ L against the step: L = {loss:.3g} after {k} steps.":
        "在碗形函数 L = ½(λ₁w₁² + λ₂w₂²)（λ₁ = {l1:g}，λ₂ = {l2:g}）上 η = {lr:.3f} 的梯度下降：它在等高线上"
        "从 ({a:g}, {b:g}) 走向最小值 ★ 的路径（沿 w₁：{first}；沿 w₂：{second}；总体：{overall}），以及 "
        "log₁₀ L 随步数的变化：{k} 步后 L = {loss:.3g}。",
    "Left: the training loss of a small network over {k} full-batch steps with η = {lr:.3g}, from "
    "{first:.4f} to {last:.4f}: {regime}. Right: the loss after {k} steps and the highest loss on the way "
    "against η, with the bound 2/λ_max = {bound:.3g} and the current η marked.":
        "左图：一个小网络用 η = {lr:.3g} 做 {k} 步全批量梯度下降时的训练损失，从 {first:.4f} 到 {last:.4f}："
        "{regime}。右图：{k} 步后的损失和途中最高的损失随 η 的变化，标出了界限 2/λ_max = {bound:.3g} 和当前"
        "的 η。",
    "The 2-2-1 network of the worked example with every number on it: inputs x₁ = {x1:.2f}, x₂ = {x2:.2f}; "
    "hidden activations a = {a1:.4f}, {a2:.4f} with errors δ = {d11}, {d12}; output y = {y:.4f} for the "
    "target t = {t:.2f}, loss L = {loss:.6f}, output error δ₂ = {delta2}. Each edge shows its weight W and "
    "∂L/∂W; a table gives the weights after one update with η = {lr:g}.":
        "算例中的 2-2-1 网络，每个数都标在图上：输入 x₁ = {x1:.2f}，x₂ = {x2:.2f}；隐藏层激活值 a = {a1:.4f}"
        "、{a2:.4f}，误差 δ = {d11}、{d12}；输出 y = {y:.4f}，目标 t = {t:.2f}，损失 L = {loss:.6f}，输出误"
        "差 δ₂ = {delta2}。每条边上标着它的权重 W 和 ∂L/∂W；一张表给出用 η = {lr:g} 更新一次之后的权重。",
    "The worked example's network (x₁, x₂ → h₁, h₂ → y) beside the matrices of its backward pass: the "
    "forward pass is done, y = {y}; every δ and ∂L/∂W is still blank.":
        "算例的网络（x₁, x₂ → h₁, h₂ → y）和它反向传播所用的矩阵：前向传播已经完成，y = {y}；每个 δ 和 ∂L/∂W "
        "都还空着。",
    "The worked example's network (x₁, x₂ → h₁, h₂ → y) beside the matrices of its backward pass, step {k} "
    "of {n}: {rule} computes {formula} {numbers}, its numbers highlighted; {k} of the {n} numbers of the "
    "backward pass are filled in.":
        "算例的网络（x₁, x₂ → h₁, h₂ → y）和它反向传播所用的矩阵，第 {k} 步（共 {n} 步）：{rule} 计算 "
        "{formula} {numbers}，用到的数都已高亮；反向传播的 {n} 个数中已填好 {k} 个。",
    "the grads of its last backward pass":
        "上一次反向传播得到的 grad",
    "no grads yet, before any backward pass":
        "还没有 grad（尚未做过反向传播）",
    "The computational graph of {name} = {value} with {n} nodes, from the inputs {inputs}: every value, and "
    "{grads}.":
        "{name} = {value} 的计算图，共 {n} 个节点，输入为 {inputs}：标有每个值，以及{grads}。",
    "The computational graph of {name} with {n} nodes, from the inputs {inputs}: nothing computed yet.":
        "{name} 的计算图，共 {n} 个节点，输入为 {inputs}：还什么都没有计算。",
    "The computational graph of {name} with {n} nodes, forward pass at node {k} of {n}: {formula}; the "
    "values of the first {k} nodes are filled in.":
        "{name} 的计算图，共 {n} 个节点，前向传播进行到第 {k} 个节点（共 {n} 个）：{formula}；前 {k} 个节点"
        "的值已经填好。",
    "The computational graph of {name} with {n} nodes, every value filled in, backward pass at step {j} of "
    "{m}: {rule}; {numbers}.":
        "{name} 的计算图，共 {n} 个节点，每个值都已填好，反向传播进行到第 {j} 步（共 {m} 步）：{rule}；"
        "{numbers}。",
    "Log-log plot of the time of one gradient of a 2-4-1 net against the batch size N, from {n0:g} to {n1:g} "
    "samples: per-sample loops take {loop0:.3g} to {loop1:.3g} ms, matrices {matrix0:.3g} to {matrix1:.3g} "
    "ms, {ratio:.0f} times faster at N = {n1:g}.":
        "2-4-1 网络求一次梯度的时间随批大小 N 变化的双对数图，N 从 {n0:g} 到 {n1:g} 个样本：逐样本循环需要 "
        "{loop0:.3g} 到 {loop1:.3g} 毫秒，矩阵运算需要 {matrix0:.3g} 到 {matrix1:.3g} 毫秒，在 N = {n1:g} 时"
        "快 {ratio:.0f} 倍。",
    "The loss on all samples, log scale, against the samples seen (up to {samples}): mini-batch SGD with "
    "batch size {b} (orange, {steps} steps) goes from {first:.4f} to {last:.4f}; per-sample SGD (grey) ends "
    "at {single:.4f}.":
        "全部样本上的损失（对数坐标）随已处理样本数（最多 {samples} 个）的变化：批大小为 {b} 的小批量随机梯"
        "度下降（橙色，{steps} 步）从 {first:.4f} 到 {last:.4f}；逐样本的随机梯度下降（灰色）最后为 "
        "{single:.4f}。",
    "Log-log plot of the relative error of a central difference against the step h, in float64 (blue) and "
    "float32 (orange): a V, the truncation error falling and the round-off error rising as h shrinks, lowest "
    "at h = {h64:.0e} in float64 ({low64:.1e}) and at h = {h32:.0e} in float32 ({low32:.1e}). Marked: h = "
    "{h:.1e}, error {e64:.1e} in float64 and {e32:.1e} in float32.":
        "中心差分的相对误差随步长 h 变化的双对数图，分 float64（蓝色）和 float32（橙色）：一个 V 形，h 变小"
        "时截断误差下降、舍入误差上升；float64 在 h = {h64:.0e} 处最低（{low64:.1e}），float32 在 h = "
        "{h32:.0e} 处最低（{low32:.1e}）。标出的点：h = {h:.1e}，float64 下误差为 {e64:.1e}，float32 下为 "
        "{e32:.1e}。",
    "Two log-log plots against the number of parameters P, from {p0:,.0f} to {p1:,.0f}: the time of one "
    "gradient by central differences ({num0:.3g} to {num1:.3g} ms) and by backprop ({bp0:.3g} to {bp1:.3g} "
    "ms), and how many times slower central differences are, {r0:.0f} to {r1:.0f} times, growing in "
    "proportion to P.":
        "随参数个数 P（从 {p0:,.0f} 到 {p1:,.0f}）变化的两幅双对数图：用中心差分求一次梯度的时间（{num0:.3g} "
        "到 {num1:.3g} 毫秒）和用反向传播的时间（{bp0:.3g} 到 {bp1:.3g} 毫秒），以及中心差分慢多少倍："
        "{r0:.0f} 到 {r1:.0f} 倍，与 P 成正比地增长。",
    "Left: cross-entropy loss against epoch, log scale, up to epoch {e}: training from {t0:.3f} to {te:.3f}, "
    "validation lowest at epoch {best} ({vbest:.3f}) and {ve:.3f} at epoch {e}. Right: the decision map, the "
    "probability of class 1 over the plane (orange: class 0, blue: class 1, white: ½), with the training "
    "points (●) and validation points (△): validation accuracy {va:.0%}. In short: {verdict}.":
        "左图：交叉熵损失随轮数的变化（对数坐标），到第 {e} 轮为止：训练集从 {t0:.3f} 到 {te:.3f}，验证集在"
        "第 {best} 轮最低（{vbest:.3f}），第 {e} 轮为 {ve:.3f}。右图：决策图，即平面上每一点属于类别 1 的概"
        "率（橙色：类别 0，蓝色：类别 1，白色：½），以及训练集的点（●）和验证集的点（△）：验证集准确率 "
        "{va:.0%}。总之：{verdict}。",
    "Test digit {i}, an 8×8 image of a {true}, and the net's ten probabilities as bars: it predicts "
    "{predicted} with p = {p:.3f}, right (the bar marked ✓ true).":
        "测试样本 {i}，一张 8×8 的数字 {true} 的图像，以及网络给出的十个概率（条形图）：它预测为 {predicted}"
        "，p = {p:.3f}，正确（标着“✓ 真实”的那一条）。",
    "Test digit {i}, an 8×8 image of a {true}, and the net's ten probabilities as bars: it predicts "
    "{predicted} with p = {p:.3f} (the hatched bar marked ✗), wrong: the true digit {true} gets p = "
    "{p_true:.3f}; mistake {k} of {n}.":
        "测试样本 {i}，一张 8×8 的数字 {true} 的图像，以及网络给出的十个概率（条形图）：它预测为 {predicted}"
        "，p = {p:.3f}（带斜线、标着 ✗ 的那一条），错误：真实数字 {true} 只得到 p = {p_true:.3f}；这是 {n} "
        "个错误中的第 {k} 个。",
    "Left: the loss on each mini-batch against the step, log scale, from {first:.3g} to {last:.3g} over "
    "{steps} steps. Right: accuracy against epoch, {train:.1%} on the training set (running) and {test:.1%} "
    "on the test set after {epochs} epochs.":
        "左图：每个小批量上的损失随步数的变化（对数坐标），{steps} 步中从 {first:.3g} 降到 {last:.3g}。右图"
        "：准确率随轮数的变化，{epochs} 轮后训练集（边训练边统计）为 {train:.1%}，测试集为 {test:.1%}。",
    "The confusion matrix of the test set, true digit down and predicted digit across, darker for more, each "
    "count written in: {right} of {total} digits on the diagonal (right); the most frequent mistake is "
    "{count} × a {i} taken for a {j}.":
        "测试集的混淆矩阵，纵向是真实数字，横向是预测数字，数目越多颜色越深，每格写着数目：{total} 个数字中"
        "有 {right} 个在对角线上（正确）；最常见的错误是把 {i} 认成 {j}，共 {count} 次。",
    "{n} handwritten digits, 8×8 pixels each, in a grid, titled: {titles}.":
        "排成网格的 {n} 个手写数字，每个 8×8 像素，标题依次为：{titles}。",
    "Two plots, log scale, of the root mean square of the error signal δˡ and of the weight gradient ∂L/∂Wˡ "
    "against the layer l = 1 … {M} (M is the output layer), one line per activation.":
        "两幅对数坐标图：误差信号 δˡ 和权重梯度 ∂L/∂Wˡ 的均方根随层 l = 1 … {M}（M 是输出层）的变化，每种激"
        "活函数一条线。",
    "{name}: δ from {first:.2g} in layer 1 to {last:.2g} in layer {M}, ∂L/∂W from {w_first:.2g} to "
    "{w_last:.2g}.":
        "{name}：δ 从第 1 层的 {first:.2g} 到第 {M} 层的 {last:.2g}，∂L/∂W 从 {w_first:.2g} 到 {w_last:.2g}"
        "。",
    "Three plots, one per activation, of the standard deviation of zˡ against the hidden layer l = 1 … "
    "{depth}, log scale, for weights N(0, 1²), N(0, 0.01²) and the default initialisation, over a grey band "
    "of order 1 (0.2 to 2).":
        "三幅图，每种激活函数一幅：zˡ 的标准差随隐藏层 l = 1 … {depth} 的变化（对数坐标），权重分别取 N(0, "
        "1²)、N(0, 0.01²) 和默认初始化，灰色带表示量级为 1（0.2 到 2）。",
    "{name}, at layer {depth}: {big:.2g} for N(0, 1²), {small:.2g} for N(0, 0.01²), {default:.2g} for the "
    "default.":
        "{name}，第 {depth} 层：N(0, 1²) 为 {big:.2g}，N(0, 0.01²) 为 {small:.2g}，默认初始化为 "
        "{default:.2g}。",
    "Backpropagation on one page: the forward pass z = aW + b, a = f(z), and BP1 to BP4, each with the "
    "shapes of its factors and the numbers of the 2-2-1 worked example: δ² = {delta2}, δ¹ = {delta1}, ∂L/∂W² "
    "= {dW2}ᵀ, ∂L/∂W¹ = {dW1}; then the update W ← W − η ∂L/∂W.":
        "一页纸上的反向传播：前向传播 z = aW + b、a = f(z)，以及 BP1 到 BP4，每个公式都写出各因子的形状和 "
        "2-2-1 算例的数值：δ² = {delta2}，δ¹ = {delta1}，∂L/∂W² = {dW2}ᵀ，∂L/∂W¹ = {dW1}；最后是更新 W ← W − "
        "η ∂L/∂W。",
}
