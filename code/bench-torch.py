#!/usr/bin/env python3
"""bench-torch.py: R-tiny and its loss in PyTorch, timed case by case
and printed in the comma-separated form of `retina bench --csv`."""
import argparse
import math
import resource
import statistics
import sys
import time

try:
    import torch
    import torch.nn.functional as F
    from torch import nn
except ImportError:
    sys.exit("bench-torch: PyTorch is missing; install it with\n"
             "  sudo apt-get install -y --no-install-recommends "
             "python3-torch")

def conv(cin, cout, k=3, stride=1):
    return nn.Conv2d(cin, cout, k, stride, k // 2)


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.a, self.b = conv(c, c), conv(c, c)

    def forward(self, x):
        return F.relu(x + self.b(F.relu(self.a(x))))


def tower(out, prior=None):
    layers = []
    for _ in range(4):
        layers += [conv(64, 64), nn.ReLU()]
    layers.append(conv(64, out))
    for m in layers:
        if isinstance(m, nn.Conv2d):
            nn.init.normal_(m.weight, std=0.01)
            nn.init.zeros_(m.bias)
    if prior is not None:
        nn.init.constant_(layers[-1].bias,
                          -math.log((1 - prior) / prior))
    return nn.Sequential(*layers)
class RTiny(nn.Module):
    def __init__(self, classes=3, anchors=9):
        super().__init__()
        w = [16, 32, 64, 96, 128]
        self.stem = conv(3, 16, stride=2)
        self.down = nn.ModuleList(
            conv(w[i], w[i + 1], stride=2) for i in range(4))
        self.blocks = nn.ModuleList(Block(c) for c in w[1:])
        self.lateral = nn.ModuleList(conv(c, 64, 1) for c in w[2:])
        self.smooth = nn.ModuleList(conv(64, 64) for _ in range(3))
        self.cls = tower(anchors * classes, prior=0.01)
        self.box = tower(anchors * 4)
        self.classes = classes

    def forward(self, x):
        x, c = F.relu(self.stem(x)), []
        for down, block in zip(self.down, self.blocks):
            x = block(F.relu(down(x)))
            c.append(x)
        p5 = self.lateral[2](c[3])
        p4 = self.lateral[1](c[2]) + F.interpolate(p5, scale_factor=2)
        p3 = self.lateral[0](c[1]) + F.interpolate(p4, scale_factor=2)
        p = [s(q) for s, q in zip(self.smooth, (p3, p4, p5))]
        n = x.shape[0]
        # [n][A*K][H][W] -> [n][H*W*A][K], anchors in (y, x, a) order
        cls = [self.cls(q).permute(0, 2, 3, 1).reshape(n, -1,
                                                       self.classes)
               for q in p]
        box = [self.box(q).permute(0, 2, 3, 1).reshape(n, -1, 4)
               for q in p]
        return torch.cat(cls, 1), torch.cat(box, 1)
OBJECTS = [(10, 12, 50, 60, 0), (60, 30, 120, 100, 1),
           (20, 80, 44, 110, 2)]


def anchors(side=128):
    out = []
    for level in range(3):
        s = 8 << level
        for y in range(side // s):
            for x in range(side // s):
                for a in range(9):
                    size = 2.0 * s * 2 ** ((a // 3) / 3)
                    r = 2.0 ** (a % 3 - 1)
                    w, h = size / math.sqrt(r), size * math.sqrt(r)
                    cx, cy = (x + 0.5) * s, (y + 0.5) * s
                    out.append((cx - w / 2, cy - h / 2,
                                cx + w / 2, cy + h / 2))
    return torch.tensor(out)
def targets(batch):
    an = anchors()
    obj = torch.tensor([o[:4] for o in OBJECTS], dtype=torch.float)
    lo = torch.max(an[:, None, :2], obj[None, :, :2])
    hi = torch.min(an[:, None, 2:], obj[None, :, 2:])
    inter = (hi - lo).clamp(min=0).prod(2)
    area = lambda b: (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    iou = inter / (area(an)[:, None] + area(obj)[None, :] - inter)
    best, match = iou.max(1)
    label = torch.where(best >= 0.5, 1, torch.where(best < 0.4, 0, -1))
    label[iou.argmax(0)] = 1                # each object's best anchor
    cls = torch.tensor([o[4] for o in OBJECTS])[match]
    onehot = F.one_hot(cls, 3).float() * (label == 1)[:, None]
    m = obj[match]
    aw, ah = an[:, 2] - an[:, 0], an[:, 3] - an[:, 1]
    delta = torch.stack([
        ((m[:, 0] + m[:, 2]) - (an[:, 0] + an[:, 2])) / 2 / aw,
        ((m[:, 1] + m[:, 3]) - (an[:, 1] + an[:, 3])) / 2 / ah,
        torch.log((m[:, 2] - m[:, 0]) / aw),
        torch.log((m[:, 3] - m[:, 1]) / ah)], 1)
    rep = lambda t: t.expand(batch, *t.shape).contiguous()
    return rep(label), rep(onehot), rep(delta)
def det_loss(cls, box, label, onehot, delta, gamma=2.0, alpha=0.25):
    keep = (label >= 0).unsqueeze(2).float()
    fg = label > 0
    norm = max(1, int(fg.sum()))
    p = torch.sigmoid(cls)
    ce = F.binary_cross_entropy_with_logits(cls, onehot,
                                            reduction="none")
    p_t = p * onehot + (1 - p) * (1 - onehot)
    a_t = alpha * onehot + (1 - alpha) * (1 - onehot)
    focal = (a_t * (1 - p_t) ** gamma * ce * keep).sum()
    l1 = F.smooth_l1_loss(box[fg], delta[fg], beta=1 / 9,
                          reduction="sum")
    return (focal + l1) / norm
def time_case(train, batch, reps):
    torch.manual_seed(12)
    net = RTiny()
    img = torch.rand(batch, 3, 128, 128)
    label, onehot, delta = targets(batch)
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9,
                          weight_decay=1e-4)

    def step():
        if not train:
            with torch.inference_mode():
                net(img)
            return
        opt.zero_grad(set_to_none=True)
        det_loss(*net(img), label, onehot, delta).backward()
        opt.step()
    times = []
    for i in range(reps + 2):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    return statistics.median(times[2:])
CASES = {"train16": (1, 16), "train8": (1, 8), "infer1": (0, 1),
         "infer16": (0, 16)}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--case", choices=sorted(CASES))
    o = ap.parse_args()
    torch.set_num_threads(o.threads)
    print("impl,case,size,threads,ms,rate,unit,rss_mib")
    for name in [o.case] if o.case else CASES:
        train, batch = CASES[name]
        t = time_case(train, batch, o.reps)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print("torch,%s,%d,%d,%.4f,%.4f,images/s,%.1f"
              % ("train" if train else "infer", batch, o.threads,
                 1e3 * t, batch / t, rss / 1024), flush=True)


if __name__ == "__main__":
    main()
