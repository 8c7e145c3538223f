"""Run with a generated Python project's interpreter: starts the whole stack through the generated class
and builds each container that is not a service, so the engine stand-in records everything the stack
does, whichever generated tests could run.

argv: <project dir> <JSON: {"package", "stackClass", "configClass", "builders"}>
"""

import asyncio
import importlib
import json
import sys


async def record(names: dict) -> None:
    package = importlib.import_module(names["package"])
    stack_class = getattr(package, names["stackClass"])
    config_class = getattr(package, names["configClass"])
    async with stack_class(config_class()) as stack:
        for builder in names["builders"]:
            await getattr(stack, builder)().sync()


def main() -> None:
    project_dir, names_json = sys.argv[1], sys.argv[2]
    sys.path.insert(0, project_dir)
    asyncio.run(record(json.loads(names_json)))


if __name__ == "__main__":
    main()
