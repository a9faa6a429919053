"""Read the test counts of an Odoo log: prints "<run> <failed> <errors>".

Odoo logs "F failed, E error(s) of T tests" after the at-install tests and again
after the post-install ones (cumulative counts), so the last summary wins.
"""

import re
import sys

SUMMARY = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")


def counts(path):
    last = (0, 0, 0)
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = SUMMARY.search(line)
            if match:
                failed, errors, total = (int(group) for group in match.groups())
                last = (total, failed, errors)
    return last


if __name__ == "__main__":
    sys.stdout.write(" ".join(str(n) for n in counts(sys.argv[1])) + "\n")
