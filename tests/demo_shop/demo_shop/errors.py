"""WooCommerce-shaped errors: ``{"code", "message", "data": {"status": ...}}``."""


class ApiError(Exception):
    """An error answered to the client; ``status`` is also in ``data.status``."""

    def __init__(self, status: int, code: str, message: str, **data):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.data = data

    def body(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "data": {"status": self.status, **self.data},
        }


def wp_list(items) -> str:
    """Join words like WordPress's ``wp_sprintf_l``: ``a and b``, ``a, b, and c``."""
    items = [str(item) for item in items]
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def invalid_params(params: dict, details: dict | None = None) -> ApiError:
    """``400 rest_invalid_param`` naming every parameter that failed validation."""
    details = details or {}
    return ApiError(
        400,
        "rest_invalid_param",
        "Invalid parameter(s): " + ", ".join(params),
        params=params,
        details={
            name: {
                "code": details.get(name, "rest_invalid_param"),
                "message": message,
                "data": None,
            }
            for name, message in params.items()
        },
    )


def missing_params(names) -> ApiError:
    """``400 rest_missing_callback_param`` for required parameters not sent."""
    names = list(names)
    return ApiError(
        400,
        "rest_missing_callback_param",
        "Missing parameter(s): " + ", ".join(names),
        params=names,
    )


def no_route() -> ApiError:
    return ApiError(
        404, "rest_no_route", "No route was found matching the URL and request method."
    )


def invalid_json() -> ApiError:
    return ApiError(
        400,
        "rest_invalid_json",
        "Invalid JSON body passed.",
        json_error_code=4,
        json_error_message="Syntax error",
    )
