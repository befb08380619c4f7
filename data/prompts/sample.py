#!/usr/bin/env python3
"""Rebuilds the bundled prompt sample from the shared prompt sets.

Usage: python3 data/prompts/sample.py ../shared/data/prompts data/prompts

Keeps only sources whose licence allows redistribution and training (MIT, Apache-2.0,
CC0-1.0, CC BY 4.0), at most CAP rows per source chosen by a stable hash of the row id,
each text cut to MAX_CHARS. The output is deterministic: same input, same bytes.
"""
import hashlib
import json
import pathlib
import sys

MAX_CHARS = 4000
# file stem -> (kind, licence, rows kept at most)
SOURCES = {
    "anthropics-hh-rlhf": ("benign", "MIT", 500),
    "open-assistant-oasst-prompts": ("benign", "Apache-2.0", 500),
    "lmarena-arena-hard-auto": ("benign", "Apache-2.0", 500),
    "f-awesome-chatgpt-prompts": ("benign", "CC0-1.0", 400),
    "meta-llama-purplellama-frr": ("benign", "MIT", 300),
    "lm-sys-fastchat-mtbench-vicunabench": ("benign", "Apache-2.0", 165),
    "hannahkirk-prism-alignment": ("benign", "CC-BY-4.0", 80),
    "yizhongw-self-instruct-seeds": ("extraction-style", "Apache-2.0", 122),
    "teknium1-gpteacher": ("extraction-style", "MIT", 600),
    "openai-grade-school-math": ("extraction-style", "MIT", 500),
    "openai-human-eval": ("extraction-style", "MIT", 106),
    "evalplus-mbppplus": ("extraction-style", "CC-BY-4.0 / Apache-2.0", 293),
    "suzgunmirac-big-bench-hard": ("extraction-style", "MIT", 500),
    "web-arena-x-webarena": ("extraction-style", "Apache-2.0", 300),
    "thudm-agentbench": ("extraction-style", "Apache-2.0", 400),
    "openbmb-toolbench": ("extraction-style", "Apache-2.0", 6),
    "shishirpatil-gorilla": ("extraction-style", "Apache-2.0", 500),
}


def main(src, dst):
    src, dst = pathlib.Path(src), pathlib.Path(dst)
    for kind in ("benign", "extraction-style"):
        rows = []
        for stem, (k, licence, cap) in sorted(SOURCES.items()):
            if k != kind:
                continue
            lines = (src / f"{stem}.jsonl").read_text(encoding="utf-8").split("\n")
            items = [json.loads(line) for line in lines if line.strip()]
            items.sort(key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest())
            for r in sorted(items[:cap], key=lambda r: r["id"]):
                rows.append({"source": r["source"], "id": r["id"], "domain": r["domain"],
                             "licence": licence, "text": r["text"][:MAX_CHARS]})
        out = dst / f"{kind}.jsonl"
        with out.open("w", encoding="utf-8", newline="\n") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(out, len(rows))


if __name__ == "__main__":
    main(*sys.argv[1:3])
