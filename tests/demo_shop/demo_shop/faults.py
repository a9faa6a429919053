"""Fault injection: the next N matching API requests misbehave like a bad host."""

import re
import threading

FAULT_MODES = (
    "latency",
    "429",
    "500",
    "502",
    "503",
    "timeout",
    "malformed_json",
    "drop",
    "lost_answer",
)


# A header value: visible ASCII and spaces, bounded; never a line break.
_HEADER_VALUE_RE = re.compile(r"[\x20-\x7e]{1,1000}")


def is_header_safe(value: str) -> bool:
    """``value`` can be written into an HTTP header as it is."""
    return bool(_HEADER_VALUE_RE.fullmatch(value)) and value.strip() == value


class FaultError(ValueError):
    """A fault description that cannot be applied."""


def _valid_retry_after(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 0 <= value < 10**1000
    return isinstance(value, str) and is_header_safe(value)


class FaultPlan:
    """Pending faults, consumed first-in first-out by the requests they match."""

    def __init__(self):
        self._lock = threading.Lock()
        self._faults = []

    @staticmethod
    def parse(spec) -> dict:
        """Validate and normalise a fault (see the package docstring for its keys)."""
        if not isinstance(spec, dict):
            raise FaultError("The fault must be a JSON object.")
        mode = str(spec.get("mode", ""))
        if mode not in FAULT_MODES:
            raise FaultError(
                f"mode must be one of {', '.join(FAULT_MODES)}, not {mode!r}."
            )
        count = spec.get("count", 1)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise FaultError("count must be a positive integer.")
        delay = spec.get("delay")
        if delay is not None and (
            not isinstance(delay, (int, float)) or delay < 0 or delay > 600
        ):
            raise FaultError("delay must be a number of seconds between 0 and 600.")
        retry_after = spec.get("retry_after")
        if retry_after is not None and not _valid_retry_after(retry_after):
            raise FaultError(
                "retry_after must be a number of seconds (0 or more) or an HTTP date "
                "(printable ASCII, one line, at most 1000 characters)."
            )
        path_prefix = spec.get("path_prefix") or "/wp-json/"
        method = spec.get("method")
        return {
            "mode": mode,
            "count": count,
            "delay": float(delay) if delay is not None else None,
            "retry_after": retry_after,
            "path_prefix": str(path_prefix),
            "method": str(method).upper() if method else None,
        }

    def add(self, spec) -> dict:
        fault = self.parse(spec)
        with self._lock:
            self._faults.append(fault)
        return dict(fault)

    def clear(self):
        with self._lock:
            self._faults.clear()

    def snapshot(self) -> list:
        with self._lock:
            return [dict(fault) for fault in self._faults]

    def take(self, method: str, path: str) -> dict | None:
        """Consume one use of the first fault matching the request, if any."""
        with self._lock:
            for fault in self._faults:
                if path.startswith(fault["path_prefix"]) and fault["method"] in (
                    None,
                    method,
                ):
                    fault["count"] -= 1
                    if fault["count"] <= 0:
                        self._faults.remove(fault)
                    return dict(fault)
        return None
