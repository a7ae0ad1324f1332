"""A Python handler: module state survives warm invocations."""
import os

invocations = 0


def handler(event, context):
    global invocations
    invocations += 1
    name = event.get("name", "world") if isinstance(event, dict) else "world"
    print(f"hello from {context.function_name}, invocation {invocations}")
    return {
        "message": f"{os.environ.get('GREETING', 'Hello')} {name} (from Python)",
        "invocations": invocations,
        "requestId": context.aws_request_id,
        "remainingMs": context.get_remaining_time_in_millis(),
    }
