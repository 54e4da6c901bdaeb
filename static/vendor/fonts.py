"""Write @font-face CSS for the latin and vietnamese subsets of a @fontsource package.

Used by `make vendor`: python static/vendor/fonts.py NODE_MODULES FAMILY_DIR OUT_DIR WEIGHTS...
A weight is ``400`` or ``600=500 700``: the 600 file then serves every weight from 500 to 700 (one
file instead of three). ``--italic`` copies the italic files too (the portal's pages use none);
``--subsets=latin,latin-ext,vietnamese`` widens the subsets (the PDFs' Tinos keeps latin-ext).
"""

import re
import shutil
import sys
from pathlib import Path

SUBSETS = ("latin", "vietnamese")  # by default exactly these: Vietnamese text needs no latin-ext


def main(node_modules: str, package: str, out: str, *weights: str) -> None:
    italic = "--italic" in weights
    subsets = next((w.split("=", 1)[1].split(",") for w in weights if w.startswith("--subsets=")), SUBSETS)
    weights = [w for w in weights if not w.startswith("--")]
    source = Path(node_modules) / "@fontsource" / package
    target = Path(out)
    shutil.rmtree(target / "files", ignore_errors=True)
    (target / "files").mkdir(parents=True, exist_ok=True)
    blocks = []
    for spec in weights:
        weight, _, served = spec.partition("=")
        for style_file in (f"{weight}.css", f"{weight}-italic.css") if italic else (f"{weight}.css",):
            css = (source / style_file).read_text()
            for block in re.findall(r"/\* ([\w-]+) \*/\s*(@font-face \{.*?\})", css, re.S):
                name, rule = block
                if not any(re.fullmatch(f"{package}-{s}-{weight}-(normal|italic)", name) for s in subsets):
                    continue
                woff2 = re.search(r"url\(\./files/([\w.-]+\.woff2)\)", rule).group(1)
                shutil.copy(source / "files" / woff2, target / "files" / woff2)
                rule = re.sub(r"src: [^;]+;", f"src: url(files/{woff2}) format('woff2');", rule)
                if served:
                    rule = re.sub(r"font-weight: \d+;", f"font-weight: {served};", rule)
                blocks.append(f"/* {name} */\n{rule}\n")
    (target / "fonts.css").write_text("\n".join(blocks))


if __name__ == "__main__":
    main(*sys.argv[1:])
