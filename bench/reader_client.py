"""Drive the `reader` library for bench_refresh.py; runs under the venv that has `reader`.

Usage: `python reader_client.py setup DB URLS_FILE`, `... update DB WORKERS`, `... count DB`.
Each prints one JSON object, so the benchmark times only the step it means to time.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reader import make_reader  # type: ignore[import-not-found]


def main(argv: list[str]) -> int:
    """Run one step and print its result as JSON."""
    command, db = argv[0], argv[1]
    reader = make_reader(db)
    if command == "setup":
        urls = Path(argv[2]).read_text(encoding="utf-8").split()
        for url in urls:
            reader.add_feed(url)
        print(json.dumps({"feeds": len(urls)}))
    elif command == "update":
        # scheduled=False: update every feed now, not only those whose interval has elapsed.
        results = reader.update_feeds_iter(workers=int(argv[2]), scheduled=False)
        errors = [str(result.error) for result in results if result.error is not None]
        print(json.dumps({"errors": errors[:5], "failed": len(errors)}))
    elif command == "count":
        print(json.dumps({"articles": reader.get_entry_counts().total}))
    else:
        print(f"unknown command {command!r}", file=sys.stderr)
        return 2
    reader.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
