"""The image's HEALTHCHECK: GET /healthz (the database and the broker) on this container's own
gunicorn, with the first of ALLOWED_HOSTS as Host (Django refuses other hosts). Exit 0 when it
answers 200, 1 otherwise (an error, a 503, no answer within 4 s).

    python deploy/healthcheck.py
"""

import os
import sys
import urllib.request


def main() -> int:
    host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip() or "localhost"
    url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz"
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, headers={"Host": host}), timeout=4
        ) as response:
            return 0 if response.status == 200 else 1
    except OSError as error:  # URLError and HTTPError (a 503) are OSErrors
        sys.stderr.write(f"healthcheck: {url}: {error}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
