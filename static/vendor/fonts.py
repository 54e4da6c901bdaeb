"""Write @font-face CSS for the latin and vietnamese subsets of a @fontsource package.

Used by `make vendor`: python static/vendor/fonts.py NODE_MODULES FAMILY_DIR OUT_DIR WEIGHTS...
"""

import re
import shutil
import sys
from pathlib import Path

SUBSETS = ("latin", "vietnamese")


def main(node_modules: str, package: str, out: str, *weights: str) -> None:
    source = Path(node_modules) / "@fontsource" / package
    target = Path(out)
    (target / "files").mkdir(parents=True, exist_ok=True)
    blocks = []
    for weight in weights:
        for style_file in (f"{weight}.css", f"{weight}-italic.css"):
            css = (source / style_file).read_text()
            for block in re.findall(r"/\* ([\w-]+) \*/\s*(@font-face \{.*?\})", css, re.S):
                name, rule = block
                if not any(name.startswith(f"{package}-{s}-") for s in SUBSETS):
                    continue
                woff2 = re.search(r"url\(\./files/([\w.-]+\.woff2)\)", rule).group(1)
                shutil.copy(source / "files" / woff2, target / "files" / woff2)
                rule = re.sub(r"src: [^;]+;", f"src: url(files/{woff2}) format('woff2');", rule)
                blocks.append(f"/* {name} */\n{rule}\n")
    (target / "fonts.css").write_text("\n".join(blocks))


if __name__ == "__main__":
    main(*sys.argv[1:])
