"""OpenAPI schema additions shared by every endpoint."""

ERROR_RESPONSES = {
    "400": "The request's filters or parameters are not valid; the body names each problem.",
    "401": "The token or session is not valid.",
    "403": "You may not do this.",
    "404": "No such object or page, or it belongs to another authority.",
    "429": "Too many requests: wait as the Retry-After header says.",
}


def document_error_responses(
    result: dict, generator: object, request: object, public: bool
) -> dict:
    """drf-spectacular postprocessing hook: every operation may answer with the portal's
    error statuses, whose body is a JSON object (`detail`, or one list of messages per
    field), so clients and schema-based tests know what to expect."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "description": "An error: `detail`, or a list of messages per field.",
        "properties": {"detail": {"type": "string"}},
        "additionalProperties": True,
    }
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_RESPONSES.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
    return result
