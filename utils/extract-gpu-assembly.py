#!/usr/bin/env python3
"""Prints the device assembly held by the gpu.binary ops of an MLIR file.

gpu-module-to-binary{format=isa} stores PTX or AMDGPU assembly as an escaped
string attribute (`assembly = "..."`, non-printable characters as \\XX).
This prints each one, preceded by a `// gpu.binary @name` line, so that
FileCheck, ptxas and llvm-mc can read it.

Usage: extract-gpu-assembly.py [--binary NAME] [FILE]   (stdin without FILE)
"""

import argparse
import re
import sys

OBJECT = re.compile(
    r'gpu\.binary\s+@(\w+).*?assembly\s*=\s*"((?:[^"\\]|\\[0-9A-Fa-f]{2}|\\\\|\\")*)"',
    re.S)


def unescape(text):
    return re.sub(r'\\([0-9A-Fa-f]{2}|\\|")',
                  lambda m: m.group(1) if len(m.group(1)) == 1
                  else chr(int(m.group(1), 16)), text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=argparse.FileType("r"),
                        default=sys.stdin)
    parser.add_argument("--binary", help="only the gpu.binary with this name")
    args = parser.parse_args()
    found = 0
    for match in OBJECT.finditer(args.file.read()):
        if args.binary and match.group(1) != args.binary:
            continue
        found += 1
        sys.stdout.write("// gpu.binary @%s\n" % match.group(1))
        sys.stdout.write(unescape(match.group(2)))
        sys.stdout.write("\n")
    if not found:
        sys.exit("extract-gpu-assembly: no gpu.binary with an assembly object")


if __name__ == "__main__":
    main()
